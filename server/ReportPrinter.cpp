#include "server/ReportPrinter.h"

#include <cstdio>
#include <ctime>
#include <algorithm>

#include <spdlog/spdlog.h>

#include "dicom/image/ImageLoader.h"
#include "dicom/sr/EncapsulatedPdf.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "dicom/sr/ReportSr.h"
#include "report/ReportPdf.h"

namespace countyread::server {

namespace {

std::string sexText(const std::string& s) {
    if (s == "M") return "男";
    if (s == "F") return "女";
    if (s.empty()) return "";
    return "其他";
}

// Age in whole years at the study date, from YYYYMMDD dates; "" when either is unknown.
std::string ageText(const std::string& birth, const std::string& study) {
    int by, bm, bd, sy, sm, sd;
    if (birth.size() != 8 || study.size() != 8 || std::sscanf(birth.c_str(), "%4d%2d%2d", &by, &bm, &bd) != 3 ||
        std::sscanf(study.c_str(), "%4d%2d%2d", &sy, &sm, &sd) != 3)
        return "";
    int age = sy - by - ((sm < bm || (sm == bm && sd < bd)) ? 1 : 0);
    return age >= 0 ? std::to_string(age) + "岁" : "";
}

std::string dateText(const std::string& d) {
    return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

// An 8-bit thumbnail of a frame with its own default window (the file's, else min/max),
// MONOCHROME1 inverted; at most kThumb pixels on the long side.
report::KeyImage thumbnail(const dicom::ImageFrame& f, const std::string& caption) {
    constexpr int kThumb = 384;
    int step = std::max(1, (std::max(f.width, f.height) + kThumb - 1) / kThumb);
    report::KeyImage k;
    k.width = f.width / step;
    k.height = f.height / step;
    k.caption = caption;
    k.grey.resize(static_cast<size_t>(k.width) * k.height);
    double lo = f.window_center - f.window_width / 2, width = std::max(1.0, f.window_width);
    for (int y = 0; y < k.height; ++y)
        for (int x = 0; x < k.width; ++x) {
            double v = (f.modalityValue(x * step, y * step) - lo) / width;
            v = std::clamp(v, 0.0, 1.0);
            if (f.monochrome1) v = 1.0 - v;
            k.grey[static_cast<size_t>(y) * k.width + x] = static_cast<uint8_t>(v * 255 + 0.5);
        }
    return k;
}

}  // namespace

std::vector<report::KeyImage> ReportPrinter::keyImages(dicom::Archive& archive, const std::string& study_uid) {
    constexpr size_t kMaxKeyImages = 8;
    std::vector<report::KeyImage> out;
    auto instances = archive.index().instancesOfStudy(study_uid);
    const dicom::StoredInstance* newest = nullptr;
    for (const auto& i : instances)
        if (i.info.sop_class_uid == dicom::kKeyObjectSelectionSopClass && (!newest || i.received_at > newest->received_at))
            newest = &i;
    if (!newest) return out;
    try {
        auto kos = dicom::parseKeyObjectSelection(archive.blobs().read(newest->blob_key));
        for (const auto& ref : kos.images) {
            if (out.size() == kMaxKeyImages) break;
            auto found = archive.index().findInstance(ref.sop_instance_uid);
            if (!found || found->info.study_uid != study_uid) continue;  // not (yet) in the archive
            try {
                auto frame = dicom::loadFrame(archive.blobs().read(found->blob_key), std::max(0, ref.frame - 1));
                out.push_back(thumbnail(frame, "Se " + std::to_string(found->info.series_number) + " Im " +
                                                   std::to_string(found->info.instance_number)));
            } catch (const std::exception& e) {
                spdlog::warn("key image {} cannot be shown in the PDF: {}", ref.sop_instance_uid, e.what());
            }
        }
    } catch (const std::exception& e) {
        spdlog::warn("key object selection {} unreadable: {}", newest->info.sop_instance_uid, e.what());
    }
    return out;
}

std::string shanghaiTime(const std::string& iso) {
    std::tm tm{};
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec) != 6)
        return iso;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t t = timegm(&tm) + 8 * 3600;
    std::tm local{};
    gmtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

std::string ReportPrinter::verifyUrl(const std::string& sop, const std::string& sha256) const {
    auto base = config_.publicUrl();
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/api/v1/verify/" + sop + "?h=" + fingerprint(sha256);
}

PrintedReport ReportPrinter::print(const dicom::StudyRecord& study,
                                   const std::vector<dicom::StoredInstance>& images,
                                   const std::string& township_id, const dicom::Bytes& sr,
                                   const std::string& sr_sha256,
                                   const std::vector<report::PdfSigner>& signers,
                                   std::vector<report::KeyImage> key_images) const {
    auto parsed = dicom::parseReportSr(sr);
    auto info = dicom::readInstanceInfo(sr);
    report::ReportPdfContent c;
    c.hospital = config_.hospital;
    c.department = config_.organization;
    const TownshipConfig* township = config_.townshipById(township_id);
    c.township = township ? township->name : township_id;
    c.patient_name = study.info.patient_name;
    c.patient_id = study.info.patient_id;
    c.patient_sex = sexText(study.info.patient_sex);
    c.patient_age = ageText(study.info.patient_birth_date, study.info.study_date);
    c.study_date = dateText(study.info.study_date);
    c.accession_number = study.info.accession_number;
    c.study_description = study.info.study_description;
    c.modality = study.modality;
    for (const auto& i : images)
        if (!i.info.body_part.empty()) {
            c.body_part = i.info.body_part;
            break;
        }
    c.findings = parsed.findings;
    c.impression = parsed.impression;
    c.recommendations = parsed.recommendations;
    c.critical_finding = parsed.critical_finding;
    c.addendum = !parsed.addendum.empty();
    c.addendum_text = parsed.addendum;
    c.signers = signers;
    c.key_images = std::move(key_images);
    c.report_id = info.sop_instance_uid;
    c.verify_url = verifyUrl(info.sop_instance_uid, sr_sha256);
    auto pdf = report::renderReportPdf(c);

    dicom::EncapsulatedPdfSpec spec;
    spec.study = study.info;
    spec.study.institution_name = config_.hospital;
    spec.document_title = c.title;
    spec.source_sop_class_uid = info.sop_class_uid;
    spec.source_sop_instance_uid = info.sop_instance_uid;
    PrintedReport out;
    out.part10 = dicom::buildEncapsulatedPdf(spec, dicom::Bytes(pdf.begin(), pdf.end()));
    out.sop_instance_uid = dicom::readInstanceInfo(out.part10).sop_instance_uid;
    return out;
}

}  // namespace countyread::server
