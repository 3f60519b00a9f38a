"""PDF (reportlab) and XLSX (openpyxl) documents, and XLSX roster import."""
