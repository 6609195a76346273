// Saving annotations to the server as GSPS and finding them again when the study is reopened
// (against the fake server, which implements the endpoint the viewer asks the lead for).
#include <gtest/gtest.h>

#include "tests/viewer/DemoStudy.h"
#include "tests/viewer/FakeServer.h"
#include "viewer/core/PresentationStateSync.h"
#include "viewer/core/ServerError.h"
#include "viewer/core/StudyLoader.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

struct Fixture {
    test::FakeServer server;
    ServerClient client{ServerUrl::parse(server.url())};
    LoadedStudy study;
    Fixture() {
        test::addDemoCtStudy(server);
        client.login(test::FakeServer::kUser, test::FakeServer::kPassword);
        StudyRow row;
        row.study_uid = test::kDemoStudyUid;
        study = StudyLoader(client).load(row);
    }
    ImageKey key(int i) const { return {study.images[i].instance.sop_instance_uid, 0}; }
};

}  // namespace

TEST(PresentationStateSync, SavedAnnotationsComeBackOnReopening) {
    Fixture f;
    ASSERT_EQ(f.study.images.size(), 5u);
    AnnotationStore store;
    store.add(f.key(2), Annotation::of(AnnotationKind::Length, {{10, 10}, {100, 10}}));
    store.add(f.key(4), Annotation::of(AnnotationKind::Text, {{20, 30}}, "出血灶"));
    PresentationStateSync sync(f.client);
    const std::string uid = sync.save(store, f.study, {}, "李明", true);
    EXPECT_FALSE(uid.empty());
    ASSERT_EQ(f.server.postedPresentationStates().size(), 1u);

    // Reopen: the images load as before (the state is listed but is not an image).
    StudyRow row;
    row.study_uid = test::kDemoStudyUid;
    LoadedStudy reopened = StudyLoader(f.client).load(row);
    EXPECT_EQ(reopened.images.size(), 5u);
    auto loaded = sync.load(reopened);
    EXPECT_EQ(loaded.states, 1);
    EXPECT_TRUE(loaded.warnings.empty());
    ASSERT_EQ(loaded.annotations.size(), 2u);
    AnnotationStore back;
    for (const auto& [key, a] : loaded.annotations) back.add(key, a);
    ASSERT_EQ(back.on(f.key(2)).size(), 1u);
    EXPECT_EQ(back.on(f.key(2))[0].kind, AnnotationKind::Length);
    EXPECT_NEAR(back.on(f.key(2))[0].points[1].x, 100, 1e-4);
    ASSERT_EQ(back.on(f.key(4)).size(), 1u);
    EXPECT_EQ(back.on(f.key(4))[0].text, "出血灶");

    // Saving again supersedes: only the newest of ours is shown.
    store.remove(f.key(4), 0);
    sync.save(store, reopened, {}, "李明", true);
    auto again = sync.load(reopened);
    EXPECT_EQ(again.states, 2);
    ASSERT_EQ(again.annotations.size(), 1u);
    EXPECT_EQ(again.annotations[0].second.kind, AnnotationKind::Length);
}

TEST(PresentationStateSync, AServerWithoutTheEndpointSaysSo) {
    Fixture f;
    f.server.setPresentationStatesSupported(false);
    AnnotationStore store;
    store.add(f.key(0), Annotation::of(AnnotationKind::Length, {{0, 0}, {5, 5}}));
    PresentationStateSync sync(f.client);
    try {
        sync.save(store, f.study, {}, "li", false);
        FAIL() << "expected ServerError";
    } catch (const ServerError& e) {
        EXPECT_TRUE(PresentationStateSync::endpointMissing(e.status())) << e.status();
    }
}
