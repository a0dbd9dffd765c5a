"""Training's forms, one module per subject (catalogue, enrolments, organiser, attendance, feedback, certificates)."""
