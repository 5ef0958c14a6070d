"""Where editors' pictures are stored when they are not on this machine: an
S3-compatible bucket, configured only by environment variables (read by
settings.py when MEDIA_STORAGE=s3; boto3 reads AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY itself)."""

from urllib.parse import urlsplit


def s3_storage(environ):
    """Django's default storage for the bucket, and the origins pictures are
    then served from (for the content security policy's img-src)."""
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    endpoint_url = environ.get("AWS_S3_ENDPOINT_URL") or None
    storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "endpoint_url": endpoint_url,
            "custom_domain": custom_domain,
            # public pictures at plain addresses, which cached pages can keep
            "querystring_auth": False,
            "default_acl": environ.get("AWS_DEFAULT_ACL") or None,
            # names are random and never reused (articles.images.RandomName)
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    if custom_domain:
        origins = [f"https://{custom_domain}"]
    elif endpoint_url:  # path-style or bucket-named host
        endpoint = urlsplit(endpoint_url)
        origins = [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://*.{endpoint.netloc}",
        ]
    else:
        origins = ["https://*.amazonaws.com"]
    return storage, origins
