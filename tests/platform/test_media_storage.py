"""Pictures in an S3-compatible bucket, configured by environment variables:
plain public addresses, and the content security policy allows their origin."""

from insight.media import s3_storage


def test_a_custom_domain_is_the_one_origin_pictures_come_from():
    storage, origins = s3_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "insight-pictures",
            "AWS_S3_CUSTOM_DOMAIN": "pics.example.gov.uk",
        }
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "insight-pictures"
    assert storage["OPTIONS"]["querystring_auth"] is False  # cached pages keep them
    assert origins == ["https://pics.example.gov.uk"]


def test_an_endpoint_allows_its_host_and_bucket_subdomains():
    _storage, origins = s3_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "insight",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
        }
    )
    assert origins == ["https://objects.example.net", "https://*.objects.example.net"]


def test_plain_aws_allows_amazon_hosts():
    _storage, origins = s3_storage({"AWS_STORAGE_BUCKET_NAME": "insight"})
    assert origins == ["https://*.amazonaws.com"]
