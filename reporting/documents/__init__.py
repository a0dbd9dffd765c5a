"""The files reporting produces: the project in numbers as PDF."""
