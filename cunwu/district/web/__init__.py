"""The district workbench (区县工作台): server-rendered pages for district officers, served by
`cunwu district serve` at / beside the bundle receiver; htmx and ECharts come from static/vendor.
"""
