"""The files reporting produces: the statistics' tables and charts for download, the project in numbers as PDF."""
