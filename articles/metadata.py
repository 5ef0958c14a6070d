"""What an article's page tells search engines and the sites that show links
to it: its canonical address, Open Graph and Twitter card tags (in the
template articles/_article_metadata.html) and schema.org JSON-LD."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from insight.site import absolute_url


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute
    alt: str


def share_image(article):
    """The image shown with links to the article, a ShareImage, or None.

    Articles have no image yet, so None: once they have a lead image, return
    its absolute URL and alt text here and every tag that needs it follows.
    """
    return None


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
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "author": (
            {"@type": "Person", "name": article.author}
            if article.author
            else organisation
        ),
        "publisher": organisation,
    }
    if image:
        data["image"] = image.url
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
