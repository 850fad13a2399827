"""The trainee's desktop app (PySide6). Start it with `roleplay gui`.

Pages live in `app.ui.pages`, reusable widgets in `app.ui.widgets`, the logic behind them in
`app.ui.controllers`; storage and voice are reached only through `app.ui.ports`.
"""
