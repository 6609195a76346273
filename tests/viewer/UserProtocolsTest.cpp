// User hanging protocols (save / load / apply), the per-series Volume cache and the priors
// query of the HTTP client.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/TestSupport.h"
#include "tests/viewer/FakeServer.h"
#include "viewer/core/SeriesVolumeCache.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/UserProtocols.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

StudyFacts chestDr() {
    StudyFacts f;
    f.study_uid = "1.2.3";
    f.modality = "DX";
    f.body_part = "CHEST";
    f.series = {{"1.2.3.1", "PA", 1}};
    return f;
}

std::shared_ptr<const dicom::ImageFrame> axial(double z) {
    auto f = std::make_shared<dicom::ImageFrame>();
    f->width = f->height = 8;
    f->pixels.assign(64, 100);
    f->spacing_source = dicom::SpacingSource::PixelSpacing;
    f->image_position = std::array<double, 3>{0, 0, z};
    f->image_orientation = std::array<double, 6>{1, 0, 0, 0, 1, 0};
    f->stored_min = f->stored_max = 100;
    return f;
}

}  // namespace

TEST(UserProtocols, SavedLayoutIsLoadedAndWinsForItsKindOfStudy) {
    test::TempDir dir("user-protocols");
    const auto file = dir.path() / "countyread" / "hanging-protocols.json";
    EXPECT_TRUE(UserProtocols::load(file).empty());  // none yet

    ViewportSpec current;
    current.series = "first";
    current.preset = "file-1";
    auto p = UserProtocols::forStudy(chestDr(), /*have_prior=*/true, 1, 1, {current});
    EXPECT_EQ(p.id, "user-dr-chest-prior");
    EXPECT_TRUE(p.needs_prior);
    EXPECT_EQ(p.modalities, (std::vector<std::string>{"DX", "CR", "DR"}));
    UserProtocols::save(file, p);
    auto again = p;
    again.viewports[0].preset = "full";
    UserProtocols::save(file, again);  // same id: replaced, not added
    const auto loaded = UserProtocols::load(file);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].viewports[0].preset, "full");
    EXPECT_TRUE(loaded[0].user_defined);

    HangingProtocolEngine engine;
    for (auto q : loaded) engine.put(q);
    StudyFacts prior = chestDr();
    prior.study_uid = "1.2.0";
    EXPECT_EQ(engine.match(chestDr(), prior)->id, "user-dr-chest-prior");
    EXPECT_EQ(engine.match(chestDr(), std::nullopt)->id, "dr");  // another kind: no prior
    StudyFacts hand = chestDr();
    hand.body_part = "HAND";
    EXPECT_EQ(engine.match(hand, prior)->id, "dr-prior");
}

TEST(UserProtocols, MalformedFileIsAnError) {
    test::TempDir dir("user-protocols");
    const auto file = dir.path() / "hanging-protocols.json";
    std::ofstream(file) << "[{\"id\": 3";
    EXPECT_THROW(UserProtocols::load(file), std::runtime_error);
}

TEST(SeriesVolumeCache, BuildsOncePerSeriesAndAgainWhenTheSeriesGrew) {
    SeriesVolumeCache cache;
    std::vector<std::shared_ptr<const dicom::ImageFrame>> frames;
    for (int k = 0; k < 4; ++k) frames.push_back(axial(2.0 * k));
    auto a = cache.get("s1", frames);
    ASSERT_NE(a.volume, nullptr) << a.reason;
    auto b = cache.get("s1", frames);
    EXPECT_EQ(a.volume, b.volume);  // the same object, shared
    EXPECT_EQ(cache.builds(), 1);
    frames.push_back(axial(8.0));
    auto c = cache.get("s1", frames);
    EXPECT_NE(c.volume, a.volume);
    EXPECT_EQ(c.volume->nz, 5);
    EXPECT_EQ(cache.builds(), 2);
    auto none = cache.get("s2", {frames.front()});
    EXPECT_EQ(none.volume, nullptr);
    EXPECT_FALSE(none.reason.empty());
    cache.clear();
    EXPECT_EQ(cache.cached("s1"), nullptr);
}

TEST(ServerClientPriors, ListsTheSamePatientsOtherStudiesNewestFirst) {
    test::FakeServer server;
    StudyRow row;
    row.patient_id = "P1";
    row.township = "wenan";
    row.modality = "DX";
    for (const auto& [uid, date] : {std::pair{"1.1", "20240101"}, std::pair{"1.2", "20220101"},
                                    std::pair{"1.3", "20230101"}}) {
        row.study_uid = uid;
        row.study_date = date;
        server.addStudy(row);
    }
    row.study_uid = "2.1";
    row.patient_id = "P2";  // another patient
    server.addStudy(row);
    ServerClient client(ServerUrl::parse(server.url()));
    client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
    const auto priors = client.priors("1.1");
    ASSERT_EQ(priors.size(), 2u);
    EXPECT_EQ(priors[0].study_uid, "1.3");
    EXPECT_EQ(priors[0].study_date, "20230101");
    EXPECT_EQ(priors[1].study_uid, "1.2");
    EXPECT_THROW(client.priors("9.9"), std::exception);
}
