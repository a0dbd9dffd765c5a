"""What reporting produces beside its pages: the statistics' tables for download, their charts and measures."""
