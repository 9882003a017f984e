"""Form fields more than one app needs."""

import datetime as dt

from django import forms


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (the browser's month picker), kept as its first day."""

    input_formats = ("%Y-%m",)
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if isinstance(day, dt.date) else day
