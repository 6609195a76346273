#include <gtest/gtest.h>

#include <stdexcept>

#include "viewer/core/ServerUrl.h"

using countyread::viewer::ServerUrl;

TEST(ServerUrl, ParsesHostAndPort) {
    auto u = ServerUrl::parse("http://127.0.0.1:8042");
    EXPECT_EQ(u.scheme, "http");
    EXPECT_EQ(u.host, "127.0.0.1");
    EXPECT_EQ(u.port, 8042);
    EXPECT_EQ(u.base_path, "");
    EXPECT_EQ(u.origin(), "http://127.0.0.1:8042");
    EXPECT_EQ(u.path("/api/v1/studies"), "/api/v1/studies");
}

TEST(ServerUrl, DefaultPortsAndBasePath) {
    auto http = ServerUrl::parse("http://pacs.county.local/");
    EXPECT_EQ(http.port, 80);
    EXPECT_EQ(http.base_path, "");
    auto https = ServerUrl::parse("https://pacs.county.local/countyread/");
    EXPECT_EQ(https.scheme, "https");
    EXPECT_EQ(https.port, 443);
    EXPECT_EQ(https.base_path, "/countyread");
    EXPECT_EQ(https.path("/api/v1/login"), "/countyread/api/v1/login");
}

TEST(ServerUrl, Ipv6Literal) {
    auto u = ServerUrl::parse("http://[::1]:9000");
    EXPECT_EQ(u.host, "::1");
    EXPECT_EQ(u.port, 9000);
    EXPECT_EQ(u.origin(), "http://[::1]:9000");
}

TEST(ServerUrl, RejectsMalformed) {
    for (const char* bad : {"", "127.0.0.1:8042", "ftp://host", "http://", "http://:80",
                            "http://host:0", "http://host:70000", "http://host:8x",
                            "http://host:", "http://user:pw@host", "http://host/a?b=c"}) {
        EXPECT_THROW(ServerUrl::parse(bad), std::invalid_argument) << bad;
    }
}

TEST(ServerUrl, EncodesPathSegments) {
    EXPECT_EQ(countyread::viewer::encodePathSegment("1.2.840.113619.2.5"), "1.2.840.113619.2.5");
    EXPECT_EQ(countyread::viewer::encodePathSegment("a/b c"), "a%2Fb%20c");
}
