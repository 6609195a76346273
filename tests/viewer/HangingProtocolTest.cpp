#include <gtest/gtest.h>

#include "viewer/core/HangingProtocol.h"

using namespace countyread::viewer;

namespace {
StudyFacts study(std::string modality, std::string body, std::string description,
                 std::vector<SeriesFacts> series, std::string uid = "1.1") {
    return {std::move(uid), std::move(modality), std::move(body), std::move(description),
            std::move(series)};
}
}  // namespace

TEST(HangingProtocol, DrAloneOrBesideItsPrior) {
    HangingProtocolEngine engine;
    const auto dr = study("DX", "CHEST", "胸部正位", {{"s1", "PA", 1}});
    auto alone = engine.match(dr, std::nullopt);
    ASSERT_TRUE(alone);
    EXPECT_EQ(alone->id, "dr");
    const auto prior = study("DX", "CHEST", "胸部正位", {{"p1", "PA", 1}}, "0.9");
    auto with_prior = engine.match(dr, prior);
    ASSERT_TRUE(with_prior);
    EXPECT_EQ(with_prior->id, "dr-prior");
    auto viewports = HangingProtocolEngine::assign(*with_prior, dr, prior);
    ASSERT_EQ(viewports.size(), 2u);
    EXPECT_EQ(viewports[0].study_uid, std::optional<std::string>("1.1"));
    EXPECT_EQ(viewports[1].study_uid, std::optional<std::string>("0.9"));
    EXPECT_EQ(viewports[1].series_uid, "p1");
}

TEST(HangingProtocol, CtByBodyPartInEnglishOrChinese) {
    HangingProtocolEngine engine;
    const auto head = study("CT", "", "头颅CT平扫", {{"scout", "定位", 2}, {"ax", "轴位 5mm", 28}});
    auto p = engine.match(head, std::nullopt);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->id, "ct-head");
    auto v = HangingProtocolEngine::assign(*p, head, std::nullopt);
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].series_uid, "ax");  // the largest series, not the scout
    EXPECT_EQ(v[0].preset, "brain");
    EXPECT_EQ(v[1].display, ViewportSpec::Display::MprCoronal);
    EXPECT_EQ(engine.match(study("CT", "CHEST", "", {{"a", "", 300}}), std::nullopt)->id,
              "ct-chest");
    EXPECT_EQ(engine.match(study("CT", "ABDOMEN", "", {{"a", "", 300}}), std::nullopt)->id, "ct");
    EXPECT_FALSE(engine.match(study("US", "", "", {}), std::nullopt));
}

TEST(HangingProtocol, ASavedUserLayoutWinsAndSurvivesJson) {
    HangingProtocolEngine engine;
    HangingProtocol mine = HangingProtocolEngine::defaults()[2];  // ct-head
    mine.rows = 1;
    mine.columns = 1;
    mine.viewports = {mine.viewports[0]};
    mine.viewports[0].preset = "subdural";
    mine.viewports[0].series = "5mm";
    engine.put(mine);
    const std::string text = HangingProtocolEngine::toJson(engine.protocols());
    HangingProtocolEngine reloaded(HangingProtocolEngine::fromJson(text));
    const auto head = study("CT", "HEAD", "", {{"thin", "1mm", 140}, {"thick", "轴位 5mm", 28}});
    auto p = reloaded.match(head, std::nullopt);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->user_defined);
    EXPECT_FALSE(HangingProtocolEngine::defaults()[0].user_defined);
    EXPECT_EQ(p->columns, 1);
    auto v = HangingProtocolEngine::assign(*p, head, std::nullopt);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].preset, "subdural");
    EXPECT_EQ(v[0].series_uid, "thick");  // by keyword in the description
    EXPECT_THROW(HangingProtocolEngine::fromJson("[{\"id\":\"x\",\"rows\":2,\"viewports\":[]}]"),
                 std::runtime_error);
    EXPECT_THROW(HangingProtocolEngine::fromJson("not json"), std::runtime_error);
}
