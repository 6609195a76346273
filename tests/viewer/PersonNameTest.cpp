#include <gtest/gtest.h>

#include "viewer/core/PersonName.h"

using countyread::viewer::PersonName;

TEST(PersonName, ChineseUiPrefersIdeographic) {
    EXPECT_EQ(PersonName::display("Liu^Yang=刘^洋", true), "刘洋");
    EXPECT_EQ(PersonName::display("王^小明", true), "王小明");
    EXPECT_EQ(PersonName::display("王芳", true), "王芳");
    EXPECT_EQ(PersonName::display("Zhang^Wei", true), "Zhang Wei");
    EXPECT_EQ(PersonName::display("Liu^Yang=刘^洋=りゅう^よう", true), "刘洋");
}

TEST(PersonName, EnglishUiPrefersAlphabetic) {
    EXPECT_EQ(PersonName::display("Liu^Yang=刘^洋", false), "Liu Yang");
    EXPECT_EQ(PersonName::display("=刘^洋", false), "刘洋");
    EXPECT_EQ(PersonName::display("王^小明", false), "王小明");
    EXPECT_EQ(PersonName::display("Doe^John^^Dr.^", false), "Doe John Dr.");
}

TEST(PersonName, EmptyAndOddInput) {
    EXPECT_EQ(PersonName::display("", true), "");
    EXPECT_EQ(PersonName::display("^^", false), "");
    EXPECT_EQ(PersonName::display(" Li ^ Mei ", false), "Li Mei");
}
