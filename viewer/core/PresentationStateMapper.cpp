#include "viewer/core/PresentationStateMapper.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "viewer/core/AnnotationGeometry.h"
#include "viewer/core/AnnotationText.h"

namespace countyread::viewer {
namespace {

using dicom::PsGraphic;
using dicom::PsPoint;

constexpr std::array<std::pair<AnnotationKind, const char*>, 10> kKinds = {{
    {AnnotationKind::Length, "length"},
    {AnnotationKind::Angle, "angle"},
    {AnnotationKind::Cobb, "cobb"},
    {AnnotationKind::CardioThoracic, "ctr"},
    {AnnotationKind::Ellipse, "ellipse"},
    {AnnotationKind::Rectangle, "rectangle"},
    {AnnotationKind::Arrow, "arrow"},
    {AnnotationKind::Text, "text"},
    {AnnotationKind::Polyline, "polyline"},
    {AnnotationKind::Point, "point"},
}};

PsPoint ps(Point2 p) { return {p.x, p.y}; }
Point2 pt(PsPoint p) { return {p.x, p.y}; }

PsGraphic polyline(std::vector<Point2> points) {
    PsGraphic g;
    g.type = PsGraphic::Type::Polyline;
    for (const auto& p : points) g.points.push_back(ps(p));
    return g;
}

std::vector<PsGraphic> graphicsFor(const Annotation& a) {
    const auto& p = a.points;
    std::vector<PsGraphic> out;
    switch (a.kind) {
        case AnnotationKind::Length:
        case AnnotationKind::Angle:
        case AnnotationKind::Arrow:
            out.push_back(polyline(p));
            break;
        case AnnotationKind::Cobb:
        case AnnotationKind::CardioThoracic:
            if (p.size() >= 4) {
                out.push_back(polyline({p[0], p[1]}));
                out.push_back(polyline({p[2], p[3]}));
            }
            break;
        case AnnotationKind::Ellipse:
            if (p.size() >= 2) {
                // ELLIPSE: the major axis' end points, then the minor axis'.
                const Point2 c{(p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2};
                const double rx = std::abs(p[1].x - p[0].x) / 2, ry = std::abs(p[1].y - p[0].y) / 2;
                PsGraphic g;
                g.type = PsGraphic::Type::Ellipse;
                const std::vector<Point2> horizontal = {{c.x - rx, c.y}, {c.x + rx, c.y}};
                const std::vector<Point2> vertical = {{c.x, c.y - ry}, {c.x, c.y + ry}};
                for (const auto& q : rx >= ry ? horizontal : vertical) g.points.push_back(ps(q));
                for (const auto& q : rx >= ry ? vertical : horizontal) g.points.push_back(ps(q));
                out.push_back(g);
            }
            break;
        case AnnotationKind::Rectangle:
            if (p.size() >= 2)
                out.push_back(polyline({p[0], {p[1].x, p[0].y}, p[1], {p[0].x, p[1].y}, p[0]}));
            break;
        case AnnotationKind::Polyline: {
            auto line = p;
            if (a.closed && !line.empty()) line.push_back(line.front());
            out.push_back(polyline(line));
            break;
        }
        case AnnotationKind::Point:
            if (!p.empty()) {
                PsGraphic g;
                g.type = PsGraphic::Type::Point;
                g.points = {ps(p[0])};
                out.push_back(g);
            }
            break;
        case AnnotationKind::Text:
            break;
    }
    return out;
}

// A bounding box for text at `at`: about 1/40 of the image height per line.
std::pair<PsPoint, PsPoint> textBox(Point2 at, const std::vector<std::string>& lines, int columns,
                                    int rows) {
    const double h = std::max(8.0, rows / 40.0);
    std::size_t longest = 1;
    for (const auto& l : lines) longest = std::max(longest, l.size());
    const double x0 = std::clamp(at.x, 0.0, static_cast<double>(columns));
    const double y0 = std::clamp(at.y, 0.0, static_cast<double>(rows));
    const double x1 = std::min<double>(columns, x0 + longest * h * 0.6);
    const double y1 = std::min<double>(rows, y0 + lines.size() * h);
    return {{x0, y0}, {std::max(x1, x0 + 1e-3), std::max(y1, y0 + 1e-3)}};
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += (s.empty() ? "" : "\r\n") + l;
    return s;
}

std::vector<Point2> pointsOf(const PsGraphic& g) {
    std::vector<Point2> out;
    for (const auto& p : g.points) out.push_back(pt(p));
    return out;
}

// Our own annotation back from its graphics (exact points), or nullopt when they do not fit.
std::optional<Annotation> ownAnnotation(AnnotationKind kind, const dicom::PsAnnotation& a) {
    Annotation out;
    out.kind = kind;
    const auto& g = a.graphics;
    switch (kind) {
        case AnnotationKind::Length:
        case AnnotationKind::Angle:
        case AnnotationKind::Arrow:
            if (g.empty()) return std::nullopt;
            out.points = pointsOf(g[0]);
            if (kind == AnnotationKind::Arrow && !a.texts.empty()) out.text = a.texts[0].text;
            break;
        case AnnotationKind::Cobb:
        case AnnotationKind::CardioThoracic:
            if (g.size() < 2) return std::nullopt;
            out.points = pointsOf(g[0]);
            for (const auto& p : pointsOf(g[1])) out.points.push_back(p);
            break;
        case AnnotationKind::Ellipse:
        case AnnotationKind::Rectangle: {
            if (g.empty() || g[0].points.empty()) return std::nullopt;
            double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
            for (const auto& p : g[0].points) {
                x0 = std::min(x0, p.x);
                y0 = std::min(y0, p.y);
                x1 = std::max(x1, p.x);
                y1 = std::max(y1, p.y);
            }
            out.points = {{x0, y0}, {x1, y1}};
            break;
        }
        case AnnotationKind::Text:
            if (a.texts.empty()) return std::nullopt;
            out.text = a.texts[0].text;
            out.points = {a.texts[0].anchor ? pt(*a.texts[0].anchor) : pt(a.texts[0].box->first)};
            break;
        case AnnotationKind::Polyline:
        case AnnotationKind::Point:
            if (g.empty()) return std::nullopt;
            out.points = pointsOf(g[0]);
            break;
    }
    const int needed = Annotation::pointsFor(kind);
    if (needed > 0 && static_cast<int>(out.points.size()) != needed) return std::nullopt;
    return out;
}

// Another system's shapes: one annotation per graphic or text, on its layer.
void foreignAnnotations(const dicom::PsAnnotation& a, std::vector<Annotation>& out) {
    const std::string layer = a.layer.empty() ? "PR" : a.layer;
    for (const auto& g : a.graphics) {
        Annotation x;
        x.layer = layer;
        if (g.type == PsGraphic::Type::Point) {
            x.kind = AnnotationKind::Point;
            x.points = pointsOf(g);
        } else if (g.type == PsGraphic::Type::Circle && g.points.size() >= 2) {
            const Point2 c = pt(g.points[0]);
            const double r = distance(c, pt(g.points[1]));
            x.kind = AnnotationKind::Polyline;
            x.points = AnnotationGeometry::ellipse(c - Point2{r, r}, c + Point2{r, r});
        } else if (g.type == PsGraphic::Type::Ellipse && g.points.size() >= 4) {
            // Possibly rotated: trace it from its axes.
            const Point2 a0 = pt(g.points[0]), a1 = pt(g.points[1]);
            const Point2 b0 = pt(g.points[2]), b1 = pt(g.points[3]);
            const Point2 c = (a0 + a1) * 0.5;
            const Point2 u = (a1 - a0) * 0.5, v = (b1 - b0) * 0.5;
            x.kind = AnnotationKind::Polyline;
            for (int i = 0; i <= 72; ++i) {
                const double t = 2 * M_PI * i / 72;
                x.points.push_back(c + u * std::cos(t) + v * std::sin(t));
            }
        } else {
            x.kind = AnnotationKind::Polyline;
            x.points = pointsOf(g);
        }
        if (!x.points.empty()) out.push_back(std::move(x));
    }
    for (const auto& t : a.texts) {
        Annotation x;
        x.kind = AnnotationKind::Text;
        x.layer = layer;
        x.text = t.text;
        x.points = {t.box ? pt(t.box->first) : pt(*t.anchor)};
        out.push_back(std::move(x));
    }
}

}  // namespace

std::string PresentationStateMapper::kindName(AnnotationKind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind) return name;
    return "polyline";
}

std::optional<AnnotationKind> PresentationStateMapper::parseKind(const std::string& name) {
    for (const auto& [k, n] : kKinds)
        if (name == n) return k;
    return std::nullopt;
}

bool PresentationStateMapper::isPresentationState(const std::string& sop_class_uid) {
    return sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) == 0;
}

bool PresentationStateMapper::isOurs(const dicom::PresentationState& state) {
    return state.content_label == "COUNTYREAD";
}

dicom::PresentationState PresentationStateMapper::build(const AnnotationStore& store,
                                                        const LoadedStudy& study,
                                                        const DisplaySettings& display,
                                                        const std::string& creator_name,
                                                        bool chinese) {
    dicom::PresentationState st;
    st.study = study.attributes;
    if (st.study.study_uid.empty()) st.study.study_uid = study.study.study_uid;
    st.creator_name = creator_name;
    st.content_description =
        chinese ? "县域影像诊断标注与测量" : "CountyRead annotations and measurements";
    st.window = display.window;
    st.rotation = display.rotation;
    st.horizontal_flip = display.horizontal_flip;
    st.inverse = display.inverse;
    std::map<ImageKey, const LoadedImage*> by_key;
    std::map<std::string, bool> seen;
    for (const auto& image : study.images) {
        by_key[{image.instance.sop_instance_uid, image.frame}] = &image;
        if (seen[image.instance.sop_instance_uid]) continue;
        seen[image.instance.sop_instance_uid] = true;
        dicom::PsImage ref;
        ref.sop_class_uid = image.instance.sop_class_uid;
        ref.sop_instance_uid = image.instance.sop_instance_uid;
        ref.series_uid = image.instance.series_uid;
        ref.rows = image.pixels->height;
        ref.columns = image.pixels->width;
        st.images.push_back(ref);
        if (image.instance.modality == "CT" && !st.rescale) {
            st.rescale =
                std::make_pair(image.pixels->rescale_slope, image.pixels->rescale_intercept);
            st.rescale_type = "HU";
        }
    }
    for (const auto& [key, list] : store.all()) {
        auto it = by_key.find(key);
        if (it == by_key.end()) continue;
        const LoadedImage& image = *it->second;
        dicom::PsImageAnnotations entry;
        entry.image.sop_class_uid = image.instance.sop_class_uid;
        entry.image.sop_instance_uid = key.sop_instance_uid;
        entry.image.series_uid = image.instance.series_uid;
        entry.image.frame = image.pixels->number_of_frames > 1 ? key.frame + 1 : 0;
        entry.image.rows = image.pixels->height;
        entry.image.columns = image.pixels->width;
        for (const auto& a : list) {
            if (!a.layer.empty()) continue;  // other systems' annotations stay in their own
            dicom::PsAnnotation out;
            out.kind = kindName(a.kind);
            out.layer = "COUNTYREAD";
            out.graphics = graphicsFor(a);
            std::vector<std::string> lines =
                AnnotationText::lines(a, *image.pixels, image.instance.modality, chinese);
            if (a.kind == AnnotationKind::Text && lines.empty()) continue;
            if (!lines.empty()) {
                dicom::PsText text;
                text.text = joined(lines);
                const Point2 at = a.kind == AnnotationKind::Text
                                      ? a.points[0]
                                      : AnnotationGeometry::labelAnchor(a) + Point2{4, 4};
                text.box = textBox(at, lines, image.pixels->width, image.pixels->height);
                if (a.kind == AnnotationKind::Text) text.anchor = ps(a.points[0]);
                out.texts.push_back(std::move(text));
            }
            entry.annotations.push_back(std::move(out));
        }
        if (!entry.annotations.empty()) st.annotations.push_back(std::move(entry));
    }
    return st;
}

std::vector<std::pair<ImageKey, Annotation>> PresentationStateMapper::annotations(
    const dicom::PresentationState& state, const LoadedStudy& study) {
    std::map<std::string, int> frames;  // frames per instance in the study
    for (const auto& image : study.images) frames[image.instance.sop_instance_uid]++;
    std::vector<std::pair<ImageKey, Annotation>> out;
    for (const auto& per_image : state.annotations) {
        const std::string& uid = per_image.image.sop_instance_uid;
        std::vector<int> targets;
        if (per_image.image.frame > 0) {
            targets.push_back(per_image.image.frame - 1);
        } else {
            for (int f = 0; f < std::max(1, frames[uid]); ++f) targets.push_back(f);
        }
        for (const auto& a : per_image.annotations) {
            std::vector<Annotation> list;
            auto kind = parseKind(a.kind);
            std::optional<Annotation> own;
            if (kind) own = ownAnnotation(*kind, a);
            if (own) {
                list.push_back(std::move(*own));
            } else {
                foreignAnnotations(a, list);
            }
            for (int f : targets)
                for (const auto& x : list) out.push_back({ImageKey{uid, f}, x});
        }
    }
    return out;
}

}  // namespace countyread::viewer
