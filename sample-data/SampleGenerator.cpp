#include "SampleGenerator.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <stdexcept>

#include "ChestCtPhantom.h"
#include "ChestPhantom.h"
#include "CtSliceRenderer.h"
#include "HeadPhantom.h"
#include "StudyWriter.h"
#include "TextEncoder.h"

namespace countyread::samples {

namespace {
namespace fs = std::filesystem;

struct Patient {
    const char* name;  // PatientName value in UTF-8 (component groups allowed)
    int number;        // becomes <AET>-000123
    const char* birth_date;
    const char* sex;
    const char* weight_kg;
    const char* size_m;
};

struct Today {
    std::string date, time;
    int year, month, day;
};

Today today() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    ::localtime_r(&now, &tm);
    char date[16], time[16];
    std::strftime(date, sizeof date, "%Y%m%d", &tm);
    std::strftime(time, sizeof time, "%H%M%S", &tm);
    return {date, time, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// Age String: "056Y".
std::string age(const std::string& birth, const Today& t) {
    int y = std::stoi(birth.substr(0, 4)), m = std::stoi(birth.substr(4, 2)),
        d = std::stoi(birth.substr(6, 2));
    int years = t.year - y - ((t.month < m || (t.month == m && t.day < d)) ? 1 : 0);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%03dY", std::clamp(years, 0, 999));
    return buffer;
}

void validate(const SampleOptions& o) {
    if (o.out_dir.empty()) throw std::invalid_argument("out_dir is required");
    if (o.dr_size < 64 || o.dr_size > 4096) throw std::invalid_argument("dr_size must be 64..4096");
    if (o.ct_size < 64 || o.ct_size > 1024) throw std::invalid_argument("ct_size must be 64..1024");
    if (o.ct_slices < 1 || o.ct_slices > 400)
        throw std::invalid_argument("ct_slices must be 1..400");
    if (o.township_aet.empty() || o.township_aet.size() > 16 ||
        !std::all_of(o.township_aet.begin(), o.township_aet.end(),
                     [](unsigned char c) { return c >= 0x20 && c < 0x7f && c != '\\'; })) {
        throw std::invalid_argument("township_aet must be 1..16 printable ASCII characters");
    }
    if (o.institution.empty()) throw std::invalid_argument("institution must not be empty");
}

// A study folder with stable name; .dcm files from an earlier run are removed.
fs::path prepareFolder(const fs::path& out, const std::string& name) {
    fs::path dir = out / name;
    fs::create_directories(dir);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".dcm") fs::remove(entry.path());
    }
    return dir;
}

class Generator {
public:
    explicit Generator(const SampleOptions& o) : o_(o), today_(today()), rng_(o.seed) {
        for (char c : o.township_aet) {
            if (std::isalnum(static_cast<unsigned char>(c)) && prefix_.size() < 6) prefix_ += c;
        }
        if (prefix_.empty()) prefix_ = "TWN";
    }

    StudySpec study(const Patient& p, const std::string& charset, const std::string& description,
                    const std::string& referring, const std::string& station_suffix, int index) {
        StudySpec s;
        s.charset = charset;
        s.patient_name = p.name;
        char id[32];
        std::snprintf(id, sizeof id, "-%06d", p.number);
        s.patient_id = o_.township_aet + id;
        s.issuer_of_patient_id = o_.township_aet;
        s.birth_date = p.birth_date;
        s.sex = p.sex;
        s.age = age(p.birth_date, today_);
        s.patient_weight_kg = p.weight_kg;
        s.patient_size_m = p.size_m;
        s.study_uid = StudyWriter::newUid("study");
        s.study_date = today_.date;
        s.study_time = today_.time;
        s.accession = prefix_ + today_.date.substr(2) + std::to_string(100 + index);
        s.study_id = std::to_string(1000 + index);
        s.study_description = description;
        s.referring_physician = referring;
        s.operator_name = charset == TextEncoder::kIso2022Ir58 ? "Zhao^Min=赵^敏" : "赵敏";
        s.institution = o_.institution;
        s.department = "放射科";
        s.station_name = o_.township_aet.substr(0, 11) + "-" + station_suffix;
        s.source_aet = o_.township_aet;
        return s;
    }

    GeneratedStudy chestDr(const Patient& p, const std::string& charset, ChestPhantomParams params,
                           const std::string& folder, int index) {
        const std::string referring =
            charset == TextEncoder::kIso2022Ir58 ? "Chen^Jianguo=陈^建国" : "陈建国";
        StudySpec spec = study(p, charset, "胸部正位", referring, "DR01", index);
        SeriesSpec series{.modality = "DX",
                          .series_uid = StudyWriter::newUid("series"),
                          .series_description = "胸部正位 PA",
                          .body_part = "CHEST",
                          .protocol_name = "胸部正位",
                          .model_name = "Phantom DR 4343",
                          .device_serial = "DR4343-0071",
                          .series_number = 1};
        GeneratedStudy out = describe(spec, "DX", folder);
        StudyWriter writer(spec, out.directory);
        Radiograph image = ChestPhantom(params, rng_()).render(o_.dr_size);
        out.files.push_back(writer.writeDx(series, image, 1));
        return out;
    }

    GeneratedStudy ct(const Patient& p, const std::string& charset, const std::string& description,
                      const CtPhantom& phantom, const CtGeometry& geometry, int slices,
                      double center_z, SeriesSpec series, const std::string& folder, int index) {
        const std::string referring =
            charset == TextEncoder::kIso2022Ir58 ? "Sun^Li=孙^丽" : "孙丽";
        StudySpec spec = study(p, charset, description, referring, "CT01", index);
        series.series_uid = StudyWriter::newUid("series");
        series.frame_of_reference_uid = StudyWriter::newUid("series");
        GeneratedStudy out = describe(spec, "CT", folder);
        StudyWriter writer(spec, out.directory);
        CtSliceRenderer renderer(phantom, geometry, rng_());
        const double step = geometry.slice_thickness_mm;
        for (int i = 0; i < slices; ++i) {
            CtSlice slice;
            slice.instance_number = i + 1;
            slice.z_mm = center_z + step * (i - (slices - 1) / 2.0);
            slice.pixels = renderer.render(slice.z_mm);
            out.files.push_back(
                writer.writeCt(series, geometry, slice, renderer.firstPixelOffsetMm()));
        }
        return out;
    }

    double vary(double spread) {
        return 1.0 + spread * std::uniform_real_distribution<>(-1, 1)(rng_);
    }

private:
    GeneratedStudy describe(const StudySpec& spec, const std::string& modality,
                            const std::string& folder) {
        GeneratedStudy out;
        out.study_uid = spec.study_uid;
        out.patient_name_utf8 = spec.patient_name;
        out.patient_id = spec.patient_id;
        out.modality = modality;
        out.charset = spec.charset;
        out.description_utf8 = spec.study_description;
        out.directory = prepareFolder(o_.out_dir, folder);
        return out;
    }

    const SampleOptions& o_;
    Today today_;
    std::mt19937 rng_;
    std::string prefix_;
};
}  // namespace

std::vector<GeneratedStudy> generateSamples(const SampleOptions& options) {
    validate(options);
    fs::create_directories(options.out_dir);
    Generator g(options);
    std::vector<GeneratedStudy> studies;

    const Patient zhang{"张伟", 123, "19680315", "M", "68", "1.72"};
    ChestPhantomParams male{false, g.vary(0.05), 0.0};
    studies.push_back(g.chestDr(zhang, "GB18030", male, "1-dx-chest-gb18030", 1));

    const Patient wang{"王芳", 124, "19750822", "F", "56", "1.60"};
    HeadPhantom head(g.vary(0.03));
    CtGeometry headGeometry;
    headGeometry.size = options.ct_size;
    headGeometry.pixel_spacing_mm = 230.0 / options.ct_size;
    headGeometry.slice_thickness_mm = 5;
    headGeometry.windows = {{40, 80, "BRAIN"}, {600, 2800, "BONE"}};
    headGeometry.kernel = "H30s";
    headGeometry.tube_current_ma = 300;
    headGeometry.ctdi_vol = 55;
    SeriesSpec headSeries{.modality = "CT",
                          .series_description = "头颅平扫 5mm",
                          .body_part = "HEAD",
                          .protocol_name = "头颅平扫",
                          .model_name = "Phantom CT 16",
                          .device_serial = "CT16-0215",
                          .series_number = 2};
    studies.push_back(g.ct(wang, "GBK", "头颅CT平扫", head, headGeometry, options.ct_slices, 27.5,
                           headSeries, "2-ct-head-gbk", 2));

    const Patient li{"李娜", 125, "19900611", "F", "52", "1.63"};
    ChestPhantomParams female{true, 0.93 * g.vary(0.04), 0.6};
    studies.push_back(g.chestDr(li, "ISO_IR 192", female, "3-dx-chest-utf8", 3));

    const Patient liu{"Liu^Yang=刘^洋", 126, "19590130", "M", "75", "1.75"};
    ChestCtPhantom chest(options.seed);
    CtGeometry chestGeometry;
    chestGeometry.size = options.ct_size;
    chestGeometry.pixel_spacing_mm = 360.0 / options.ct_size;
    chestGeometry.slice_thickness_mm = 10;
    chestGeometry.windows = {{40, 400, "MEDIASTINUM"}, {-600, 1500, "LUNG"}};
    chestGeometry.kernel = "B40f";
    chestGeometry.tube_current_ma = 150;
    chestGeometry.ctdi_vol = 9;
    chestGeometry.head_phantom = false;
    SeriesSpec chestSeries{.modality = "CT",
                           .series_description = "胸部平扫 10mm",
                           .body_part = "CHEST",
                           .protocol_name = "胸部CT平扫",
                           .model_name = "Phantom CT 16",
                           .device_serial = "CT16-0215",
                           .series_number = 2};
    studies.push_back(g.ct(liu, TextEncoder::kIso2022Ir58, "胸部CT平扫", chest, chestGeometry,
                           std::max(8, options.ct_slices / 3), -10, chestSeries,
                           "4-ct-chest-iso2022", 4));
    return studies;
}

}  // namespace countyread::samples
