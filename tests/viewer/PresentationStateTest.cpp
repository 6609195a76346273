// DICOM GSPS (dicom/pstate + viewer/core/PresentationStateMapper): a presentation state built
// from annotations is valid per dciodvfy, reads back to the same annotations, and other
// vendors' presentation states (../shared/sample-data/gsps) are displayed.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "dicom/pstate/PresentationState.h"
#include "tests/support/TestSupport.h"
#include "viewer/core/PresentationStateMapper.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

constexpr const char* kCtClass = "1.2.840.10008.5.1.4.1.1.2";

// Two CT slices 64 x 64, 0.5 mm pixels, 40 HU everywhere.
LoadedStudy study() {
    LoadedStudy s;
    s.study.study_uid = "1.2.826.0.1.3680043.10.5000.1";
    s.attributes.study_uid = s.study.study_uid;
    s.attributes.patient_name = "王^秀英=王^秀英";
    s.attributes.patient_id = "QS2024001";
    s.attributes.patient_sex = "F";
    s.attributes.patient_birth_date = "19580312";
    s.attributes.study_date = "20240501";
    s.attributes.study_time = "093000";
    s.attributes.accession_number = "A1";
    for (int i = 1; i <= 2; ++i) {
        LoadedImage image;
        image.instance.sop_class_uid = kCtClass;
        image.instance.sop_instance_uid = "1.2.826.0.1.3680043.10.5000.1.2." + std::to_string(i);
        image.instance.series_uid = "1.2.826.0.1.3680043.10.5000.1.2";
        image.instance.modality = "CT";
        auto f = std::make_shared<dicom::ImageFrame>();
        f->width = f->height = 64;
        f->column_spacing = f->row_spacing = 0.5;
        f->spacing_source = dicom::SpacingSource::PixelSpacing;
        f->rescale_intercept = -1024;
        f->pixels.assign(64 * 64, 1064);
        image.pixels = f;
        s.images.push_back(image);
    }
    return s;
}

AnnotationStore everyKind(const LoadedStudy& s) {
    AnnotationStore store;
    const ImageKey first{s.images[0].instance.sop_instance_uid, 0};
    const ImageKey second{s.images[1].instance.sop_instance_uid, 0};
    store.add(first, Annotation::of(AnnotationKind::Length, {{10.5, 10.5}, {50.25, 12.75}}));
    store.add(first, Annotation::of(AnnotationKind::Angle, {{5, 40}, {20, 40}, {20, 20.5}}));
    store.add(first, Annotation::of(AnnotationKind::Cobb, {{1, 1}, {30, 4}, {2, 50}, {31, 44}}));
    store.add(first, Annotation::of(AnnotationKind::CardioThoracic,
                                    {{20, 30}, {40, 30}, {5, 25}, {60, 25}}));
    store.add(second, Annotation::of(AnnotationKind::Ellipse, {{10, 12}, {30, 40}}));
    store.add(second, Annotation::of(AnnotationKind::Rectangle, {{35, 5}, {60, 20}}));
    store.add(second, Annotation::of(AnnotationKind::Arrow, {{50, 50}, {40, 40}}, "结节"));
    store.add(second, Annotation::of(AnnotationKind::Text, {{8, 58}}, "左肺下叶 nodule"));
    return store;
}

void expectSamePoints(const std::vector<Point2>& a, const std::vector<Point2>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_NEAR(a[i].x, b[i].x, 1e-4);
        EXPECT_NEAR(a[i].y, b[i].y, 1e-4);
    }
}

}  // namespace

TEST(PresentationState, SavedAndReloadedRestoresTheSameAnnotations) {
    const LoadedStudy s = study();
    const AnnotationStore store = everyKind(s);
    DisplaySettings display;
    display.window = std::make_pair(40.0, 400.0);
    display.rotation = 90;
    display.horizontal_flip = true;
    auto state = PresentationStateMapper::build(store, s, display, "李^明", true);
    const dicom::Bytes bytes = dicom::buildPresentationState(state);
    const auto parsed = dicom::parsePresentationState(bytes);
    EXPECT_TRUE(PresentationStateMapper::isOurs(parsed));
    EXPECT_EQ(parsed.study.patient_name, "王^秀英=王^秀英");
    EXPECT_EQ(parsed.creator_name, "李^明");
    EXPECT_EQ(parsed.images.size(), 2u);
    ASSERT_TRUE(parsed.window);
    EXPECT_DOUBLE_EQ(parsed.window->first, 40);
    EXPECT_DOUBLE_EQ(parsed.window->second, 400);
    EXPECT_EQ(parsed.rotation, 90);
    EXPECT_TRUE(parsed.horizontal_flip);
    ASSERT_TRUE(parsed.rescale);
    EXPECT_DOUBLE_EQ(parsed.rescale->second, -1024);

    AnnotationStore restored;
    for (auto& [key, a] : PresentationStateMapper::annotations(parsed, s)) restored.add(key, a);
    ASSERT_EQ(restored.count(), store.count());
    for (const auto& [key, list] : store.all()) {
        const auto& back = restored.on(key);
        ASSERT_EQ(back.size(), list.size()) << key.sop_instance_uid;
        for (std::size_t i = 0; i < list.size(); ++i) {
            EXPECT_EQ(back[i].kind, list[i].kind) << i;
            EXPECT_EQ(back[i].text, list[i].text) << i;
            EXPECT_TRUE(back[i].layer.empty());
            expectSamePoints(back[i].points, list[i].points);
        }
    }
}

TEST(PresentationState, MeasuredValuesAreWrittenAsTextForOtherWorkstations) {
    const LoadedStudy s = study();
    AnnotationStore store;
    store.add({s.images[0].instance.sop_instance_uid, 0},
              Annotation::of(AnnotationKind::Length, {{0, 0}, {40, 0}}));
    const auto parsed = dicom::parsePresentationState(
        dicom::buildPresentationState(PresentationStateMapper::build(store, s, {}, "li", false)));
    ASSERT_EQ(parsed.annotations.size(), 1u);
    ASSERT_EQ(parsed.annotations[0].annotations.size(), 1u);
    const auto& a = parsed.annotations[0].annotations[0];
    EXPECT_EQ(a.kind, "length");
    ASSERT_EQ(a.graphics.size(), 1u);
    EXPECT_EQ(a.graphics[0].type, dicom::PsGraphic::Type::Polyline);
    ASSERT_EQ(a.texts.size(), 1u);
    EXPECT_EQ(a.texts[0].text, "20.0 mm");  // 40 px x 0.5 mm
}

TEST(PresentationState, IsValidPerDciodvfy) {
    if (!test::haveProgram("dciodvfy")) GTEST_SKIP() << "dciodvfy not installed";
    const LoadedStudy s = study();
    DisplaySettings display;
    display.window = std::make_pair(40.0, 80.0);
    const dicom::Bytes bytes = dicom::buildPresentationState(
        PresentationStateMapper::build(everyKind(s), s, display, "李^明", true));
    test::TempDir dir("gsps");
    const auto file = dir / "gsps.dcm";
    dicom::writeFileBytes(file, bytes);
    auto result = test::run({"dciodvfy", file.string()}, std::chrono::seconds(60));
    EXPECT_NE(result.output.find("GrayscaleSoftcopyPresentationState"), std::string::npos)
        << result.output;
    std::regex error_line(R"(^Error - .*$)", std::regex::multiline);
    std::smatch m;
    EXPECT_FALSE(std::regex_search(result.output, m, error_line)) << result.output;
}

TEST(PresentationState, RejectsWhatIsNotAPresentationState) {
    LoadedStudy s = study();
    EXPECT_THROW(dicom::parsePresentationState(dicom::Bytes{1, 2, 3}), dicom::DicomError);
    dicom::PresentationState empty;
    EXPECT_THROW(dicom::buildPresentationState(empty), dicom::DicomError);
}

TEST(PresentationStateSamples, AgfaDistanceMeasurementIsDisplayed) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "no shared sample data";
    const auto parsed =
        dicom::parsePresentationState(dicom::readFileBytes(*samples / "gsps" / "GSPS_PS.dcm"));
    EXPECT_FALSE(PresentationStateMapper::isOurs(parsed));
    ASSERT_EQ(parsed.images.size(), 1u);
    const std::string image_uid = parsed.images[0].sop_instance_uid;
    // The referenced CR image is not in our study: map against a study holding that image.
    LoadedStudy s;
    LoadedImage image;
    image.instance.sop_instance_uid = image_uid;
    image.pixels = std::make_shared<dicom::ImageFrame>();
    s.images.push_back(image);
    auto annotations = PresentationStateMapper::annotations(parsed, s);
    // One polyline (the distance line) and its text, on Agfa's layer.
    ASSERT_EQ(annotations.size(), 2u);
    const auto& line = annotations[0].second;
    EXPECT_EQ(annotations[0].first.sop_instance_uid, image_uid);
    EXPECT_EQ(line.kind, AnnotationKind::Polyline);
    EXPECT_EQ(line.layer, "CUSTOM");
    ASSERT_EQ(line.points.size(), 2u);
    EXPECT_NEAR(line.points[0].x, 561.447, 1e-3);
    EXPECT_NEAR(line.points[0].y, 624.360, 1e-3);
    EXPECT_NEAR(line.points[1].x, 606.472, 1e-3);
    EXPECT_NEAR(line.points[1].y, 576.686, 1e-3);
    const auto& text = annotations[1].second;
    EXPECT_EQ(text.kind, AnnotationKind::Text);
    EXPECT_NE(text.text.find("Length: 11.1mm[proj]"), std::string::npos) << text.text;
    EXPECT_NEAR(text.points[0].x, 639.579, 1e-3);  // bounding box top-left
}

TEST(PresentationStateSamples, AgfaWindowOnlyStateHasItsVoi) {
    auto samples = test::sharedSampleData();
    if (!samples) GTEST_SKIP() << "no shared sample data";
    const auto parsed =
        dicom::parsePresentationState(dicom::readFileBytes(*samples / "gsps" / "GSPS.dcm"));
    ASSERT_TRUE(parsed.window);
    EXPECT_DOUBLE_EQ(parsed.window->first, 128);
    EXPECT_DOUBLE_EQ(parsed.window->second, 256);
    EXPECT_TRUE(parsed.annotations.empty());
    EXPECT_EQ(parsed.study.patient_name, "LUNAR^GE");
}
