vcl 4.1;
# Varnish in front of Insight: /etc/varnish/default.vcl, with the app servers
# set to HTTP_CACHE=varnish and HTTP_CACHE_PURGE_URLS=http://<this host>:6081.
# nginx (deploy/nginx/insight.conf) sends it what it sent gunicorn.
#
# It keeps only what the app marks as the same for every reader: a page with
# an `xkey` header (its version names). The app decides which addresses those
# are, query strings included (pagecache/pages.py); nothing else is stored.
# When a change bumps versions, the app sends a BAN with the names, and every
# page showing any of them is dropped at once.

backend insight {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
}

# The app servers, which alone may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

# The proxies in front (nginx), which alone may say who the reader is.
# Add nginx's address if it runs on another machine.
acl proxies {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (client.ip !~ proxies) {
        # a reader reaching Varnish directly: their own address, for the
        # app's rate limits, whatever they wrote (RATELIMIT_IP_META_KEY)
        set req.http.X-Real-IP = client.ip;
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # The app sends plain names ("site article:some-slug"), checked
        # against [A-Za-z0-9_:-]; each is matched whole.
        if (req.http.xkey-purge !~ "^[A-Za-z0-9_: -]+$") {
            return (synth(400, "Bad keys"));
        }
        ban("obj.http.xkey ~ (^|\s)(" + regsuball(req.http.xkey-purge, " +", "|") + ")(\s|$)");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Campaign tags (utm_*, and the click ids social sites and ads add) are
    # no page's parameter: the app answers the page without them. Dropped
    # here, a shared link is answered from the one copy of the page; any
    # other parameter goes to the app, which keeps only the addresses its
    # pages declare (pagecache/pages.py).
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    # Signed-in staff may see drafts and moderation links: their pages are
    # never served from, or kept in, the cache (the app's own rule).
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Readers' other cookies make no difference to a page kept for everyone;
    # the app answers alike whatever they are. Pages not kept still get them.
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.xkey && !beresp.http.Set-Cookie) {
        # one copy for every reader (the app's Vary: Cookie is for browsers)
        unset beresp.http.Vary;
        # A copy may be served this long after it expires while a fresh one
        # is fetched: a purge still drops it at once.
        set beresp.grace = 10s;
        # kept a while longer to ask the app whether it changed (a 304)
        set beresp.keep = 1h;
        return (deliver);
    }
    # Anything else is never stored, nor remembered as not to be stored:
    # the next request goes to the app as if for the first time.
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
}

sub vcl_deliver {
    if (resp.http.xkey) {
        # browsers and any cache further on check back every time
        set resp.http.Cache-Control = "no-cache";
        set resp.http.Vary = "Cookie";
        unset resp.http.xkey;
        unset resp.http.Surrogate-Key;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    return (deliver);
}
