// The user interface strings come through Qt Linguist: the compiled zh_CN translation is in
// the resources, English is the source; each UiText has its own language.
#include <gtest/gtest.h>

#include "viewer/ui/UiText.h"

using namespace countyread::viewer;

TEST(UiText, ChineseFromTheLinguistTranslationEnglishFromTheSource) {
    const UiText zh(Language::Chinese), en(Language::English);
    EXPECT_EQ(zh(UiText::Worklist).toStdString(), "工作列表");
    EXPECT_EQ(en(UiText::Worklist).toStdString(), "Worklist");
    EXPECT_EQ(zh(UiText::ToolLength).toStdString(), "长度 (L)");
    EXPECT_EQ(en(UiText::ToolCardioThoracic).toStdString(), "CTR (T)");
    EXPECT_EQ(zh.state("in_reading").toStdString(), "阅片中");
    EXPECT_EQ(en.state("in_reading").toStdString(), "in reading");
    EXPECT_EQ(zh.priority("emergency").toStdString(), "急诊");
    EXPECT_EQ(zh.state("unknown_state").toStdString(), "unknown_state");
    EXPECT_NE(zh(UiText::SaveUnsupported).arg("404").toStdString().find("服务器尚不支持"),
              std::string::npos);
    // Every key has a Chinese text that differs from the English source, except the few that
    // are the same in both languages.
    int same = 0;
    for (int k = 0; k < UiText::KeyCount; ++k) {
        const auto key = static_cast<UiText::Key>(k);
        EXPECT_FALSE(zh(key).isEmpty()) << k;
        if (zh(key) == en(key)) ++same;
    }
    EXPECT_LE(same, 2);  // "1:1 (A)"
}
