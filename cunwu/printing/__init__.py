"""Printed sheets (ReportLab, A4): the shared page base, fonts, masking of personal data,
and the documents built on them (the disclosure notice; later meetings' sheets).
"""
