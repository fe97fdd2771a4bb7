"""HTTP beside the Streamlit app: the live channel's route. Above the domain, below nothing Streamlit."""
