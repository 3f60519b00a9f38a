"""PDF (reportlab) and XLSX (xlsxwriter) documents, and XLSX roster import (openpyxl)."""
