#include "viewer/core/AnnotationText.h"

#include <cmath>
#include <cstdio>

#include "viewer/core/Measure.h"

namespace countyread::viewer {
namespace {

std::string fixed(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s == "-0.0" || s == "-0") s = s.substr(1);
    return s;
}

std::string degrees(double v) { return fixed(v, 1) + "\xC2\xB0"; }

}  // namespace

std::string AnnotationText::detectorCaveat(bool chinese) {
    return chinese ? "按探测器像素间距测量，未校正放大率"
                   : "measured with the detector pixel spacing, not corrected for magnification";
}

std::string AnnotationText::length(double value, dicom::SpacingSource source, bool chinese) {
    switch (source) {
        case dicom::SpacingSource::None:
            return fixed(value, 1) + " px";
        case dicom::SpacingSource::ImagerPixelSpacing:
            return fixed(value, 1) + (chinese ? " mm (探测器)" : " mm (detector)");
        case dicom::SpacingSource::PixelSpacing:
            break;
    }
    return fixed(value, 1) + " mm";
}

std::vector<std::string> AnnotationText::lines(const Annotation& a, const dicom::ImageFrame& f,
                                               const std::string& modality, bool zh) {
    const Spacing s = Spacing::of(f);
    const auto& p = a.points;
    std::vector<std::string> out;
    const std::string unit = modality == "CT" ? " HU" : "";
    switch (a.kind) {
        case AnnotationKind::Length:
            if (p.size() >= 2) out.push_back(length(Measure::length(p[0], p[1], s), s.source, zh));
            break;
        case AnnotationKind::Angle:
            if (p.size() >= 3) out.push_back(degrees(Measure::angle(p[0], p[1], p[2], s)));
            break;
        case AnnotationKind::Cobb:
            if (p.size() >= 4)
                out.push_back((zh ? "Cobb角 " : "Cobb ") +
                              degrees(Measure::cobb(p[0], p[1], p[2], p[3], s)));
            break;
        case AnnotationKind::CardioThoracic:
            if (p.size() >= 4) {
                if (auto r = Measure::cardiothoracicRatio(p[0], p[1], p[2], p[3], s))
                    out.push_back((zh ? "心胸比 " : "CTR ") + fixed(*r, 2));
            } else if (p.size() >= 2) {
                out.push_back(zh ? "心脏横径" : "cardiac width");
            }
            break;
        case AnnotationKind::Ellipse:
        case AnnotationKind::Rectangle: {
            if (p.size() < 2) break;
            const RoiStats r = a.kind == AnnotationKind::Ellipse
                                   ? Measure::ellipseStats(f, p[0], p[1])
                                   : Measure::rectangleStats(f, p[0], p[1]);
            const int decimals =
                std::abs(f.rescale_slope - std::round(f.rescale_slope)) > 1e-9 ? 2 : 1;
            out.push_back((zh ? "均值 " : "Mean ") + fixed(r.mean, decimals) + unit +
                          (zh ? "  标准差 " : "  SD ") + fixed(r.sd, decimals));
            out.push_back((zh ? "最小 " : "Min ") + fixed(r.min, decimals) +
                          (zh ? "  最大 " : "  Max ") + fixed(r.max, decimals));
            const bool mm = s.calibrated();
            const double area = mm ? r.area / 100.0 : r.area;  // cm² when calibrated
            std::string area_text =
                (zh ? "面积 " : "Area ") + fixed(area, 2) + (mm ? " cm\xC2\xB2" : " px\xC2\xB2");
            if (s.source == dicom::SpacingSource::ImagerPixelSpacing)
                area_text += zh ? " (探测器)" : " (detector)";
            out.push_back(area_text);
            break;
        }
        case AnnotationKind::Arrow:
        case AnnotationKind::Text:
        case AnnotationKind::Polyline:
        case AnnotationKind::Point:
            if (!a.text.empty()) out.push_back(a.text);
            break;
    }
    return out;
}

}  // namespace countyread::viewer
