"""Training's pages, one module per subject; their addresses are in training/urls/."""
