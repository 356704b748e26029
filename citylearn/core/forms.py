from django import forms


class FilterForm(forms.Form):
    """A list's filters, kept in the URL so that a filtered list can be shared."""

    def filters(self) -> dict:
        """The valid filters given; an invalid one is reported and left out."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name) not in ("", None)
        }
