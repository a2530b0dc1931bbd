"""Form rendering for every form of the project: label, hint and error tied to the field for screen readers."""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class AccessibleBoundField(BoundField):
    """Adds aria-describedby (hint and error) and aria-invalid to each widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_hint")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class FormRenderer(TemplatesSetting):
    form_template_name = "core/includes/form.html"
    field_template_name = "core/includes/field.html"
    bound_field_class = AccessibleBoundField
