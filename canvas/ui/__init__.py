"""The only package that imports streamlit: page bodies, session helpers and the board component."""
