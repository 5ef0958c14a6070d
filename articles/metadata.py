"""What an article's page tells search engines and the sites that show links
to it: its canonical address, Open Graph and Twitter card tags (in the
template articles/_article_metadata.html) and schema.org JSON-LD."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from insight.site import absolute_url

from .figures import first_picture


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute
    alt: str
    width: int
    height: int


def share_image(article):
    """The image shown with links to the article, at its largest rendition:
    its lead image or, without one, the first library picture in its text.
    A ShareImage, or None."""
    picture, alt = article.lead_picture(), article.lead_image_alt_text
    if picture is None and (media := first_picture(article)) is not None:
        picture, alt = media.picture(), media.alt_for_readers
    if picture is None:
        return None
    url = picture.src  # relative under MEDIA_URL, absolute from S3
    return ShareImage(
        url=absolute_url(url) if url.startswith("/") else url,
        alt=alt,
        width=picture.width,
        height=picture.height,
    )


def structured_data(article, url, image):
    """The article as a schema.org Article, for JSON-LD."""
    organisation = {"@type": "Organization", "name": settings.SITE_ORGANISATION}
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        # the last change readers can see, not any save (publishing is one)
        "dateModified": timezone.localtime(
            article.updated_after_publication or article.published_at
        ).isoformat(),
        "author": (
            {
                "@type": "Person",
                "name": article.author.name,
                "url": absolute_url(article.author.get_absolute_url()),
            }
            if article.author
            else organisation
        ),
        "publisher": organisation,
    }
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image.url,
            "width": image.width,
            "height": image.height,
        }
    return data


def article_metadata(article):
    """The article page's context for its metadata."""
    url = absolute_url(article.get_absolute_url())
    image = share_image(article)
    return {
        "canonical_url": url,
        "share_image": image,
        "structured_data": structured_data(article, url, image),
    }
