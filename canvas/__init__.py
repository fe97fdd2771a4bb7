"""Samenwerkingscanvas: the domain package (models, store, content, scoring, exports).

Nothing here imports streamlit except ``canvas.ui``; a test enforces it.
"""
