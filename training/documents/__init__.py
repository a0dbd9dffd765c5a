"""The files training produces: certificates, transcripts, participant lists (PDF, CSV, XLSX), iCalendar, charts."""
