"""Exports of a board: one module per format behind one registry (``canvas.exports.registry``).

Nothing here imports Streamlit; every format reads one ``ExportSource`` (``canvas.exports.source``).
This package's ``__init__`` stays empty so the store can import the JSON schema without the PDF machinery.
"""
