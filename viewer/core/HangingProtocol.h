#pragma once
// Hanging protocols: how a study is laid out when it opens (OHIF's ProtocolEngine idea, pure):
// a protocol matches a study by modality, body part / description keywords and whether a
// prior is available, and says what each viewport of its layout shows (the current or the
// prior study, which series, stack or an MPR plane, which window preset). The best-scoring
// protocol wins; protocols load from and save to JSON, so a radiologist's layout can be kept.
#include <optional>
#include <string>
#include <vector>

namespace countyread::viewer {

struct ViewportSpec {
    enum class Source { Current, Prior };
    enum class Display { Stack, MprAxial, MprCoronal, MprSagittal };
    Source source = Source::Current;
    // Series choice: "largest" (most images), "first", or a keyword the series description
    // must contain (case-insensitive), falling back to the largest.
    std::string series = "largest";
    Display display = Display::Stack;
    std::string preset;  // WindowPresets key ("lung", "brain", …); "" = the file's window
};

struct HangingProtocol {
    std::string id;
    std::string name_zh, name_en;
    std::vector<std::string> modalities;  // any of them; empty = any
    std::vector<std::string> keywords;  // one must appear in body part or description; empty = any
    bool needs_prior = false;
    int rows = 1, columns = 1;
    std::vector<ViewportSpec> viewports;  // rows * columns, row by row
    // Saved by the user (put / fromJson): its window presets override the file's window;
    // a built-in protocol's preset only applies when the file has no window of its own.
    bool user_defined = false;
};

// What the engine knows about a study.
struct SeriesFacts {
    std::string series_uid;
    std::string description;
    int images = 0;
};
struct StudyFacts {
    std::string study_uid;
    std::string modality;
    std::string body_part;
    std::string description;
    std::vector<SeriesFacts> series;  // in series-number order
};

struct ViewportAssignment {
    std::optional<std::string> study_uid;  // nullopt: empty viewport (e.g. no prior)
    std::string series_uid;
    ViewportSpec::Display display = ViewportSpec::Display::Stack;
    std::string preset;
};

class HangingProtocolEngine {
public:
    HangingProtocolEngine() : protocols_(defaults()) {}
    explicit HangingProtocolEngine(std::vector<HangingProtocol> protocols)
        : protocols_(std::move(protocols)) {}

    // The built-in protocols: DR alone, DR beside its prior, CT head (brain stack + coronal
    // MPR), CT chest (lung and mediastinum stacks), CT (stack + coronal + sagittal MPR).
    static std::vector<HangingProtocol> defaults();

    // Score of a protocol for a study (negative: does not apply). More specific wins.
    static int score(const HangingProtocol& p, const StudyFacts& current, bool have_prior);
    // The best protocol (nullopt when none applies).
    std::optional<HangingProtocol> match(const StudyFacts& current,
                                         const std::optional<StudyFacts>& prior) const;
    // What each viewport of `p` shows.
    static std::vector<ViewportAssignment> assign(const HangingProtocol& p,
                                                  const StudyFacts& current,
                                                  const std::optional<StudyFacts>& prior);

    // Replaces or adds a protocol (by id): the user's saved layout.
    void put(HangingProtocol p);
    const std::vector<HangingProtocol>& protocols() const { return protocols_; }

    static std::string toJson(const std::vector<HangingProtocol>& protocols);
    // Throws std::runtime_error on malformed JSON.
    static std::vector<HangingProtocol> fromJson(const std::string& json);

private:
    std::vector<HangingProtocol> protocols_;
};

}  // namespace countyread::viewer
