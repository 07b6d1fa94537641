"""Runs and reports: execute the section notebooks, then build each report and the index.

`runner.run_year` executes every notebook for every organisation (each task in
`notebook_task`, checked first by `template_check`, logged by `run_log`, written where
`output_paths` says); `report.build_reports` turns the executed notebooks into reports
(`report_content`, then `quarto_project` or `fallback_render`) and `index_page` lists them.
"""
