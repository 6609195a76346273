#include <gtest/gtest.h>

#include "viewer/core/ReportText.h"

using countyread::viewer::ReportText;

TEST(ReportText, FindingsBlankLineImpression) {
    auto r = ReportText::parse("双肺纹理清晰。\n心影不大。\n\n胸部未见明显异常。\n");
    EXPECT_EQ(r.findings, "双肺纹理清晰。\n心影不大。");
    EXPECT_EQ(r.impression, "胸部未见明显异常。");
}

TEST(ReportText, CrLfBomAndExtraBlankLines) {
    auto r = ReportText::parse(
        "\xEF\xBB\xBF\r\nFindings line\r\n\r\n\r\nImpression 1\r\n\r\nImpression 2\r\n\r\n");
    EXPECT_EQ(r.findings, "Findings line");
    EXPECT_EQ(r.impression, "Impression 1\n\nImpression 2");
}

TEST(ReportText, WhitespaceOnlyLineSeparates) {
    auto r = ReportText::parse("所见\n   \t\n意见");
    EXPECT_EQ(r.findings, "所见");
    EXPECT_EQ(r.impression, "意见");
}

TEST(ReportText, NoBlankLineMeansFindingsOnly) {
    auto r = ReportText::parse("only findings\nsecond line");
    EXPECT_EQ(r.findings, "only findings\nsecond line");
    EXPECT_EQ(r.impression, "");
    auto empty = ReportText::parse("");
    EXPECT_EQ(empty.findings, "");
    EXPECT_EQ(empty.impression, "");
}
