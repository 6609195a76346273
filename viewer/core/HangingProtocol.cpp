#include "viewer/core/HangingProtocol.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace countyread::viewer {
namespace {

using json = nlohmann::json;
using Display = ViewportSpec::Display;
using Source = ViewportSpec::Source;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool contains(const std::string& text, const std::string& keyword) {
    return lower(text).find(lower(keyword)) != std::string::npos;
}

const char* displayName(Display d) {
    switch (d) {
        case Display::Stack:
            return "stack";
        case Display::MprAxial:
            return "mpr-axial";
        case Display::MprCoronal:
            return "mpr-coronal";
        case Display::MprSagittal:
            return "mpr-sagittal";
    }
    return "stack";
}

Display parseDisplay(const std::string& s) {
    if (s == "mpr-axial") return Display::MprAxial;
    if (s == "mpr-coronal") return Display::MprCoronal;
    if (s == "mpr-sagittal") return Display::MprSagittal;
    if (s == "stack") return Display::Stack;
    throw std::runtime_error("unknown viewport display '" + s + "'");
}

ViewportSpec vp(Display display, std::string preset = {}, Source source = Source::Current,
                std::string series = "largest") {
    ViewportSpec v;
    v.display = display;
    v.preset = std::move(preset);
    v.source = source;
    v.series = std::move(series);
    return v;
}

const SeriesFacts* pickSeries(const StudyFacts& study, const std::string& rule) {
    if (study.series.empty()) return nullptr;
    if (rule == "first") return &study.series.front();
    const SeriesFacts* largest = &*std::max_element(
        study.series.begin(), study.series.end(),
        [](const SeriesFacts& a, const SeriesFacts& b) { return a.images < b.images; });
    if (rule == "largest" || rule.empty()) return largest;
    for (const auto& s : study.series)
        if (contains(s.description, rule)) return &s;
    return largest;
}

}  // namespace

std::vector<HangingProtocol> HangingProtocolEngine::defaults() {
    std::vector<HangingProtocol> p;
    p.push_back({"dr",
                 "DR 单幅",
                 "DR alone",
                 {"DX", "CR", "DR"},
                 {},
                 false,
                 1,
                 1,
                 {vp(Display::Stack, "", Source::Current, "first")}});
    p.push_back({"dr-prior",
                 "DR 对比前片",
                 "DR beside its prior",
                 {"DX", "CR", "DR"},
                 {},
                 true,
                 1,
                 2,
                 {vp(Display::Stack, "", Source::Current, "first"),
                  vp(Display::Stack, "", Source::Prior, "first")}});
    p.push_back({"ct-head",
                 "头颅 CT",
                 "CT head",
                 {"CT"},
                 {"head", "brain", "头", "颅", "脑"},
                 false,
                 1,
                 2,
                 {vp(Display::Stack, "brain"), vp(Display::MprCoronal, "brain")}});
    p.push_back({"ct-chest",
                 "胸部 CT",
                 "CT chest",
                 {"CT"},
                 {"chest", "thorax", "lung", "胸", "肺"},
                 false,
                 1,
                 2,
                 {vp(Display::Stack, "lung"), vp(Display::Stack, "mediastinum")}});
    p.push_back({"ct",
                 "CT 三平面",
                 "CT stack + MPR",
                 {"CT"},
                 {},
                 false,
                 1,
                 3,
                 {vp(Display::Stack), vp(Display::MprCoronal), vp(Display::MprSagittal)}});
    return p;
}

int HangingProtocolEngine::score(const HangingProtocol& p, const StudyFacts& s, bool have_prior) {
    int score = 1;
    if (!p.modalities.empty()) {
        if (std::find(p.modalities.begin(), p.modalities.end(), s.modality) == p.modalities.end())
            return -1;
        score += 10;
    }
    if (!p.keywords.empty()) {
        bool hit = false;
        for (const auto& k : p.keywords)
            hit = hit || contains(s.body_part, k) || contains(s.description, k);
        if (!hit) return -1;
        score += 20;
    }
    if (p.needs_prior) {
        if (!have_prior) return -1;
        score += 5;
    }
    return score;
}

std::optional<HangingProtocol> HangingProtocolEngine::match(
    const StudyFacts& current, const std::optional<StudyFacts>& prior) const {
    std::optional<HangingProtocol> best;
    int best_score = -1;
    for (const auto& p : protocols_) {
        const int s = score(p, current, prior.has_value());
        if (s > best_score) {  // ties: the earlier protocol (user protocols are put first)
            best_score = s;
            best = p;
        }
    }
    return best;
}

std::vector<ViewportAssignment> HangingProtocolEngine::assign(
    const HangingProtocol& p, const StudyFacts& current, const std::optional<StudyFacts>& prior) {
    std::vector<ViewportAssignment> out;
    for (const auto& spec : p.viewports) {
        ViewportAssignment a;
        a.display = spec.display;
        a.preset = spec.preset;
        const StudyFacts* study =
            spec.source == Source::Current ? &current : (prior ? &*prior : nullptr);
        if (study) {
            if (const SeriesFacts* s = pickSeries(*study, spec.series)) {
                a.study_uid = study->study_uid;
                a.series_uid = s->series_uid;
            }
        }
        out.push_back(std::move(a));
    }
    return out;
}

void HangingProtocolEngine::put(HangingProtocol p) {
    p.user_defined = true;
    protocols_.erase(std::remove_if(protocols_.begin(), protocols_.end(),
                                    [&](const HangingProtocol& x) { return x.id == p.id; }),
                     protocols_.end());
    protocols_.insert(protocols_.begin(), std::move(p));
}

std::string HangingProtocolEngine::toJson(const std::vector<HangingProtocol>& protocols) {
    json list = json::array();
    for (const auto& p : protocols) {
        json viewports = json::array();
        for (const auto& v : p.viewports) {
            viewports.push_back({{"source", v.source == Source::Prior ? "prior" : "current"},
                                 {"series", v.series},
                                 {"display", displayName(v.display)},
                                 {"preset", v.preset}});
        }
        list.push_back({{"id", p.id},
                        {"name_zh", p.name_zh},
                        {"name_en", p.name_en},
                        {"modalities", p.modalities},
                        {"keywords", p.keywords},
                        {"needs_prior", p.needs_prior},
                        {"rows", p.rows},
                        {"columns", p.columns},
                        {"viewports", viewports},
                        {"user_defined", p.user_defined}});
    }
    return list.dump(2);
}

std::vector<HangingProtocol> HangingProtocolEngine::fromJson(const std::string& text) {
    try {
        std::vector<HangingProtocol> out;
        for (const auto& j : json::parse(text)) {
            HangingProtocol p;
            p.id = j.at("id").get<std::string>();
            p.name_zh = j.value("name_zh", p.id);
            p.name_en = j.value("name_en", p.id);
            p.modalities = j.value("modalities", std::vector<std::string>{});
            p.keywords = j.value("keywords", std::vector<std::string>{});
            p.needs_prior = j.value("needs_prior", false);
            p.rows = std::clamp(j.value("rows", 1), 1, 4);
            p.columns = std::clamp(j.value("columns", 1), 1, 4);
            for (const auto& v : j.at("viewports")) {
                ViewportSpec spec;
                spec.source =
                    v.value("source", "current") == "prior" ? Source::Prior : Source::Current;
                spec.series = v.value("series", "largest");
                spec.display = parseDisplay(v.value("display", "stack"));
                spec.preset = v.value("preset", "");
                p.viewports.push_back(spec);
            }
            p.user_defined = j.value("user_defined", true);
            if (static_cast<int>(p.viewports.size()) != p.rows * p.columns)
                throw std::runtime_error("protocol " + p.id + ": viewports do not fill the layout");
            out.push_back(std::move(p));
        }
        return out;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("hanging protocols: ") + e.what());
    }
}

}  // namespace countyread::viewer
