// The printed report: real Chinese glyphs (not boxes) in an embedded CJK font, the patient,
// signers and QR code on the page; wrapped as a valid DICOM Encapsulated PDF.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "dicom/model/DicomFile.h"
#include "dicom/model/Uid.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "report/ReportPdf.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
namespace fs = std::filesystem;

namespace {

report::ReportPdfContent sampleReport() {
    report::ReportPdfContent c;
    c.hospital = "文安县人民医院";
    c.department = "放射科";
    c.township = "问安镇卫生院";
    c.patient_name = "张伟";
    c.patient_id = "WA20261124001";
    c.patient_sex = "男";
    c.patient_age = "56岁";
    c.study_date = "2026-11-24";
    c.modality = "DX";
    c.body_part = "CHEST";
    c.study_description = "胸部正位";
    // "一" is one flat stroke and "田" a full square: real glyphs have very different ink
    // shapes, while missing-glyph boxes would look alike.
    c.findings = "一 田 两肺纹理清晰，未见明显实变影。心影大小形态正常。";
    c.impression = "胸部正位片未见明显异常。";
    c.recommendations = "定期复查。";
    c.signers = {{"报告医生", "李明", "2026-11-24 14:03"}, {"审核医生", "王强", "2026-11-24 14:20"}};
    c.verify_url = "http://county.example:8042/api/v1/verify/1.2.3.4?h=0123456789abcdef";
    c.report_id = "1.2.3.4";
    return c;
}

struct Grey {
    int width = 0, height = 0;
    std::vector<uint8_t> px;
    int at(int x, int y) const { return px[static_cast<size_t>(y) * width + x]; }
};

// Reads the binary PGM that `pdftoppm -gray` writes.
Grey readPgm(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string magic;
    int maxval = 0;
    Grey g;
    in >> magic >> g.width >> g.height >> maxval;
    in.get();
    g.px.resize(static_cast<size_t>(g.width) * g.height);
    in.read(reinterpret_cast<char*>(g.px.data()), static_cast<std::streamsize>(g.px.size()));
    EXPECT_EQ(magic, "P5");
    return g;
}

struct Box {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points
};

// The bounding boxes pdftotext -bbox gives for a word.
std::vector<Box> wordBoxes(const std::string& bbox_html, const std::string& word) {
    std::vector<Box> out;
    std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">" + word +
                  "</word>");
    for (std::sregex_iterator it(bbox_html.begin(), bbox_html.end(), re), end; it != end; ++it)
        out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
    return out;
}

// Rows of the box (at `dpi`) that hold dark pixels, as a share of the box's height.
double inkHeightShare(const Grey& g, const Box& b, double dpi, int* dark_pixels) {
    double s = dpi / 72.0;
    int x0 = static_cast<int>(b.x0 * s), x1 = static_cast<int>(b.x1 * s);
    int y0 = static_cast<int>(b.y0 * s), y1 = static_cast<int>(b.y1 * s);
    int first = -1, last = -1;
    *dark_pixels = 0;
    for (int y = y0; y <= y1 && y < g.height; ++y)
        for (int x = x0; x <= x1 && x < g.width; ++x)
            if (g.at(x, y) < 128) {
                ++*dark_pixels;
                if (first < 0) first = y;
                last = y;
            }
    return first < 0 ? 0.0 : static_cast<double>(last - first + 1) / (y1 - y0 + 1);
}

class ReportPdfTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* p : {"pdftotext", "pdftoppm", "pdffonts"})
            if (!test::haveProgram(p)) GTEST_SKIP() << p << " (poppler-utils) not installed";
    }
    fs::path write(const std::vector<uint8_t>& pdf, const std::string& name = "report.pdf") {
        auto path = tmp.path() / name;
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(pdf.data()),
                                                    static_cast<std::streamsize>(pdf.size()));
        // Kept as a test artefact when asked (e.g. to look at the page).
        if (const char* keep = std::getenv("COUNTYREAD_TEST_ARTIFACTS")) {
            fs::create_directories(keep);
            fs::copy_file(path, fs::path(keep) / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" + name),
                          fs::copy_options::overwrite_existing);
        }
        return path;
    }
    test::TempDir tmp{"countyread-report"};
};

}  // namespace

TEST_F(ReportPdfTest, ChineseTextIsRealTextInAnEmbeddedCjkFont) {
    auto pdf = write(report::renderReportPdf(sampleReport()));
    auto text = test::run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
    ASSERT_EQ(text.exit_code, 0) << text.output;
    for (const char* s : {"文安县人民医院", "医学影像诊断报告", "问安镇卫生院", "张伟", "56岁", "胸部正位",
                          "两肺纹理清晰", "胸部正位片未见明显异常", "定期复查", "报告医生", "李明", "审核医生",
                          "王强", "检查所见", "诊断意见"})
        EXPECT_NE(text.output.find(s), std::string::npos) << "missing " << s << " in:\n" << text.output;
    auto fonts = test::run({"pdffonts", pdf.string()});
    ASSERT_EQ(fonts.exit_code, 0) << fonts.output;
    std::istringstream lines(fonts.output);
    int cjk_embedded = 0;
    for (std::string line; std::getline(lines, line);)
        if (line.find("NotoSansCJK") != std::string::npos || line.find("NotoSerifCJK") != std::string::npos)
            cjk_embedded += line.find(" yes ") != std::string::npos;
    EXPECT_GE(cjk_embedded, 1) << fonts.output;
    std::smatch m;
    auto info = test::run({"pdfinfo", pdf.string()}).output;
    ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)"))) << info;
    EXPECT_EQ(m[1], "1");
}

TEST_F(ReportPdfTest, GlyphsAreDrawnNotBoxes) {
    auto pdf = write(report::renderReportPdf(sampleReport()));
    auto bbox = test::run({"pdftotext", "-bbox", "-enc", "UTF-8", pdf.string(), (tmp.path() / "bbox.html").string()});
    ASSERT_EQ(bbox.exit_code, 0) << bbox.output;
    auto html = test::readText(tmp.path() / "bbox.html");
    auto one = wordBoxes(html, "一");
    auto field = wordBoxes(html, "田");
    ASSERT_EQ(one.size(), 1u) << html;
    ASSERT_EQ(field.size(), 1u) << html;
    const double dpi = 200;
    auto png = test::run({"pdftoppm", "-gray", "-r", "200", "-f", "1", "-l", "1", pdf.string(),
                          (tmp.path() / "page").string()});
    ASSERT_EQ(png.exit_code, 0) << png.output;
    fs::path page;
    for (auto& e : fs::directory_iterator(tmp.path()))
        if (e.path().extension() == ".pgm") page = e.path();
    ASSERT_FALSE(page.empty());
    auto g = readPgm(page);
    ASSERT_GT(g.width, 1000);
    int one_ink = 0, field_ink = 0;
    double one_h = inkHeightShare(g, one[0], dpi, &one_ink);
    double field_h = inkHeightShare(g, field[0], dpi, &field_ink);
    std::cout << "[ glyphs ] 一: ink rows " << one_h << " of its box, " << one_ink << " px; 田: " << field_h
              << ", " << field_ink << " px\n";
    EXPECT_GT(one_ink, 20) << "一 is drawn";
    EXPECT_LT(one_h, 0.2) << "一 is a single flat stroke, not a box";
    EXPECT_GT(field_h, 3 * one_h) << "田 is as tall as the line allows";
    EXPECT_GT(field_ink, 2 * one_ink);
    // The QR code: a square of dark and light modules right above its caption.
    auto caption = wordBoxes(html, "扫码核验");
    ASSERT_EQ(caption.size(), 1u) << html;
    int dark = 0, total = 0;
    const double s = dpi / 72.0;
    for (int y = static_cast<int>((caption[0].y0 - 70) * s); y < static_cast<int>((caption[0].y0 - 8) * s); ++y)
        for (int x = static_cast<int>((caption[0].x1 - 70) * s); x < static_cast<int>((caption[0].x1 - 8) * s); ++x) {
            ++total;
            dark += g.at(x, y) < 128;
        }
    std::cout << "[ qr ] " << dark << " of " << total << " pixels dark\n";
    EXPECT_GT(dark, total / 3) << "no QR code above its caption";
    EXPECT_LT(dark, total * 2 / 3) << "a solid block, not a QR code";
}

TEST_F(ReportPdfTest, LongReportsAndKeyImagesFlowOntoMorePages) {
    auto c = sampleReport();
    std::string paragraph = "右肺下叶见斑片状密度增高影，边缘模糊，建议抗炎治疗后复查。";
    for (int i = 0; i < 40; ++i) c.findings += paragraph;
    for (int i = 0; i < 6; ++i) {
        report::KeyImage k;
        k.width = 900;  // downsampled for the page
        k.height = 700;
        k.grey.resize(static_cast<size_t>(k.width) * k.height);
        for (int y = 0; y < k.height; ++y)
            for (int x = 0; x < k.width; ++x) k.grey[static_cast<size_t>(y) * k.width + x] = static_cast<uint8_t>((x + y) % 256);
        k.caption = "Se 1 Im " + std::to_string(i + 1);
        c.key_images.push_back(std::move(k));
    }
    auto bytes = report::renderReportPdf(c);
    EXPECT_LT(bytes.size(), 3u * 1024 * 1024) << "key images are downsampled";
    auto pdf = write(bytes);
    auto info = test::run({"pdfinfo", pdf.string()});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info.output, m, std::regex("Pages:\\s+([0-9]+)"))) << info.output;
    EXPECT_GE(std::stoi(m[1]), 2);
    auto text = test::run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"}).output;
    EXPECT_NE(text.find("Se 1 Im 6"), std::string::npos);
    EXPECT_NE(text.find("（续）"), std::string::npos) << "continuation pages carry a header";
    EXPECT_NE(text.find("第 2 页"), std::string::npos);
    // Every sentence made it onto some page ("炎" occurs once in each, and only there).
    size_t count = 0;
    for (size_t pos = text.find("炎"); pos != std::string::npos; pos = text.find("炎", pos + 1)) ++count;
    EXPECT_EQ(count, 40u);

    report::KeyImage bad;
    bad.width = 10;
    bad.height = 10;
    c.key_images = {bad};
    EXPECT_THROW(report::renderReportPdf(c), report::PdfError);
}

TEST_F(ReportPdfTest, EncapsulatedPdfIsValidDicomAndRoundTrips) {
    auto pdf_bytes = report::renderReportPdf(sampleReport());
    dicom::EncapsulatedPdfSpec spec;
    spec.study.patient_name = "张伟";
    spec.study.patient_id = "WA20261124001";
    spec.study.patient_sex = "M";
    spec.study.patient_birth_date = "19700301";
    spec.study.study_uid = dicom::newUid();
    spec.study.study_date = "20261124";
    spec.study.study_time = "101500";
    spec.study.accession_number = "A1";
    spec.document_title = "医学影像诊断报告";
    spec.source_sop_class_uid = "1.2.840.10008.5.1.4.1.1.88.11";
    spec.source_sop_instance_uid = dicom::newUid();
    dicom::Bytes pdf(pdf_bytes.begin(), pdf_bytes.end());
    if (pdf.size() % 2 == 0) pdf.push_back('\n');  // exercise the odd-length padding
    auto part10 = dicom::buildEncapsulatedPdf(spec, pdf);
    EXPECT_EQ(dicom::extractEncapsulatedPdf(part10), pdf);
    auto info = dicom::readInstanceInfo(part10);
    EXPECT_EQ(info.sop_class_uid, dicom::kEncapsulatedPdfSopClass);
    EXPECT_EQ(info.modality, "DOC");
    EXPECT_EQ(info.patient_name, "张伟");
    EXPECT_EQ(info.study_uid, spec.study.study_uid);
    EXPECT_THROW(dicom::buildEncapsulatedPdf(spec, dicom::Bytes{'n', 'o', 't', ' ', 'a', 'p', 'd', 'f'}),
                 dicom::DicomError);
    EXPECT_THROW(dicom::extractEncapsulatedPdf(dicom::Bytes{'x'}), dicom::DicomError);

    if (!test::haveProgram("dciodvfy")) GTEST_SKIP() << "dciodvfy not installed";
    auto file = tmp.path() / "pdf.dcm";
    dicom::writeFileBytes(file, part10);
    auto v = test::run({"dciodvfy", "-new", file.string()});
    std::istringstream lines(v.output);
    std::string errors;
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("Error", 0) == 0) errors += line + "\n";
    EXPECT_EQ(errors, "") << v.output;
    EXPECT_NE(v.output.find("EncapsulatedPDF"), std::string::npos) << v.output;
}
