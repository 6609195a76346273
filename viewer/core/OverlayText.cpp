#include "viewer/core/OverlayText.h"

#include <cmath>
#include <cstdio>

#include "viewer/core/PersonName.h"

namespace countyread::viewer {
namespace {

std::string number(double v, int decimals = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s == "-0") s = "0";
    return s;
}

void addLine(std::string& text, const std::string& line) {
    if (line.empty()) return;
    if (!text.empty()) text += '\n';
    text += line;
}

std::string pick(const std::string& a, const std::string& b) { return a.empty() ? b : a; }

}  // namespace

std::string OverlayText::formatDate(const std::string& d) {
    if (d.size() != 8) return d;
    return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

std::string OverlayText::formatTime(const std::string& t) {
    if (t.size() < 4) return t;
    return t.substr(0, 2) + ":" + t.substr(2, 2);
}

std::string OverlayText::windowLabel(const WindowLevel& w, const std::string& modality,
                                     bool chinese) {
    const bool whole = std::abs(w.width) >= 10;
    const int decimals = whole ? 0 : 2;
    const std::string unit = modality == "CT" ? " HU" : "";
    if (chinese) {
        return "窗宽 " + number(w.width, decimals) + "  窗位 " + number(w.center, decimals) + unit;
    }
    return "W " + number(w.width, decimals) + "  L " + number(w.center, decimals) + unit;
}

OverlayText OverlayText::build(const Input& in) {
    static const StudyRow no_study;
    static const dicom::InstanceInfo no_attributes;
    static const InstanceRow no_instance;
    const StudyRow& s = in.study ? *in.study : no_study;
    const dicom::InstanceInfo& a = in.attributes ? *in.attributes : no_attributes;
    const InstanceRow& i = in.instance ? *in.instance : no_instance;
    const bool zh = in.chinese;
    OverlayText out;

    addLine(out.top_left, PersonName::display(pick(s.patient_name, a.patient_name), zh));
    const std::string id = pick(s.patient_id, a.patient_id);
    if (!id.empty()) addLine(out.top_left, "ID: " + id);
    std::string sex = pick(s.patient_sex, a.patient_sex);
    if (zh) sex = sex == "M" ? "男" : sex == "F" ? "女" : sex;
    const std::string birth = formatDate(pick(s.patient_birth_date, a.patient_birth_date));
    std::string demo = sex;
    if (!birth.empty()) demo += (demo.empty() ? "" : "  ") + birth;
    addLine(out.top_left, demo);

    addLine(out.top_right, pick(s.township_name, a.institution_name));
    std::string when = formatDate(pick(s.study_date, a.study_date));
    const std::string time = formatTime(pick(s.study_time, a.study_time));
    if (!time.empty()) when += (when.empty() ? "" : " ") + time;
    addLine(out.top_right, when);
    addLine(out.top_right, pick(s.study_description, a.study_description));
    const std::string modality = pick(i.modality, pick(s.modality, a.modality));
    addLine(out.top_right, modality);

    if (in.instance) {
        std::string series = (zh ? "序列 " : "Se ") + std::to_string(i.series_number);
        if (!i.series_description.empty()) series += "  " + i.series_description;
        addLine(out.bottom_left, series);
    }
    if (in.count > 0) {
        addLine(out.bottom_left, (zh ? "图像 " : "Im ") + std::to_string(in.index + 1) + "/" +
                                     std::to_string(in.count));
    }
    if (in.frame) {
        const auto& f = *in.frame;
        std::string geometry;
        if (f.slice_location)
            geometry += (zh ? "位置 " : "Loc ") + number(*f.slice_location, 1) + " mm";
        if (f.slice_thickness) {
            geometry += (geometry.empty() ? "" : "  ") + std::string(zh ? "层厚 " : "Thk ") +
                        number(*f.slice_thickness, 1) + " mm";
        }
        addLine(out.bottom_left, geometry);
        addLine(out.bottom_left, std::to_string(f.width) + " x " + std::to_string(f.height));
    }
    out.bottom_right = windowLabel(in.window, modality, zh);
    if (in.inverted) out.bottom_right += zh ? "  反相" : "  Inv";
    if (in.zoom > 0) {
        addLine(out.bottom_right, (zh ? "缩放 " : "Zoom ") + number(in.zoom * 100.0) + "%");
    }
    return out;
}

}  // namespace countyread::viewer
