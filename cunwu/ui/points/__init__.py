"""Dialogs and widgets of the points page (积分): rules, activities with sign-in, goods,
the rankings chart."""
