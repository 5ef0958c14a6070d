"""The admin's side of kept pictures (articles/kept_uploads.py): a picture
field that offers a kept picture again, and the thumbnail it shows, served
only to the editor who uploaded it."""

from django.contrib.admin.widgets import AdminFileWidget
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import path, reverse

from ..kept_uploads import KeptUploadsForm, Refused, kept_for


class KeptPictureInput(AdminFileWidget):
    """The file box, or, when a picture is kept, its thumbnail with "Keep this
    picture" and "Choose another" (radio buttons and the file box: no
    JavaScript needed; kept-picture.js hides the box until it is wanted)."""

    offer = None
    kept_template_name = "admin/articles/kept_picture_input.html"

    class Media:
        css = {"all": ["css/kept-picture.css"]}
        js = ["js/kept-picture.js"]

    def render(self, name, value, attrs=None, renderer=None):
        if not self.offer:
            return super().render(name, value, attrs, renderer)
        context = self.get_context(name, value, attrs)
        # the site's templates, where the form renderer looks only in apps'
        return render_to_string(
            self.kept_template_name, {**context, "offer": self.offer}
        )


class KeptUploadsAdmin:
    """A ModelAdmin mixin: the picture fields named in kept_upload_fields
    keep what was uploaded when the form comes back with an error."""

    kept_upload_fields = ()

    def kept_picture_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_kept_picture"

    def get_urls(self):
        view = self.admin_site.admin_view(self.kept_picture_view)
        return [
            path("kept-picture/<str:token>/", view, name=self.kept_picture_url_name()),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.kept_upload_fields:
            kwargs["widget"] = KeptPictureInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        url_name = f"{self.admin_site.name}:{self.kept_picture_url_name()}"
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(
            base.__name__,
            (KeptUploadsForm, base),
            {
                "kept_upload_fields": self.kept_upload_fields,
                "kept_upload_owner": request.user,
                "kept_thumbnail_url": staticmethod(
                    lambda token: reverse(url_name, args=[token])
                ),
            },
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        adminform = context.get("adminform")
        keep_uploads = getattr(adminform and adminform.form, "keep_uploads", None)
        if request.method == "POST" and keep_uploads:
            keep_uploads()  # only a form that failed is shown again after a POST
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        form.forget_used_kept_uploads()

    def kept_picture_view(self, request, token):
        """A kept picture's thumbnail, for the editor who uploaded it only, and
        never stored by a cache."""
        may_write = self.has_add_permission(request) or self.has_change_permission(
            request
        )
        if not may_write:
            raise Http404
        try:
            kept = kept_for(token, request.user)
        except Refused as refusal:
            raise Http404(refusal.message) from refusal
        response = HttpResponse(bytes(kept.thumbnail), content_type="image/webp")
        response["Cache-Control"] = "private, no-store"
        response["Content-Disposition"] = "inline"
        return response
