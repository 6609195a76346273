#pragma once
// The main window's image area: 1×1, 1×2, 2×1 or 2×2 (any rows × columns up to four) image
// viewports, each showing one series of the current study or of a prior, or an MPR plane of a
// series. All viewports of a study share its LoadedStudy (the decoded frames are shared_ptrs:
// no pixel copies), MPR cells share the series' Volume. One viewport is active (blue frame):
// a click or the focus makes a viewport active, and the toolbar, series strip and keys act on
// it. Optional synchronised scrolling moves the other CT stacks of the same orientation to the
// same position (same study: same patient position; a prior: by the same distance).
#include <QWidget>
#include <array>
#include <memory>
#include <string>

#include "viewer/core/HangingProtocol.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/core/MprReslicer.h"

class QFrame;
class QGridLayout;

namespace countyread::viewer {

class ImageViewport;

// What a viewport of the grid shows.
struct GridCell {
    ViewportSpec::Source source = ViewportSpec::Source::Current;
    std::string series_uid;  // "" = the study's first image to show
    ViewportSpec::Display display = ViewportSpec::Display::Stack;
    std::string preset;  // WindowPresets key applied when it is first shown ("" = the file's)
    bool shown = false;  // the viewport shows the cell's series (or MPR plane)
    std::shared_ptr<const MprReslicer> mpr;  // MPR cells once the volume is built
};

class ViewportGrid : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxViewports = 4;

    explicit ViewportGrid(bool chinese_overlays, QWidget* parent = nullptr);

    // rows × columns ≤ 4. Cells beyond the new count keep what they had (hidden).
    void setGrid(int rows, int columns);
    int rows() const { return rows_; }
    int columns() const { return columns_; }
    int count() const { return rows_ * columns_; }

    ImageViewport* viewport(int index) const { return viewports_[static_cast<std::size_t>(index)]; }
    GridCell& cell(int index) { return cells_[static_cast<std::size_t>(index)]; }
    const GridCell& cell(int index) const { return cells_[static_cast<std::size_t>(index)]; }
    int indexOf(const ImageViewport* viewport) const;

    ImageViewport* active() const { return viewport(active_); }
    int activeIndex() const { return active_; }
    void setActive(int index);

    void setSyncScroll(bool on) { sync_ = on; }
    bool syncScroll() const { return sync_; }

    // Empties every viewport and cell.
    void clearAll();
    // Sets cell `index` (unshown) and clears its viewport until place() fills it.
    void assign(int index, GridCell cell);
    // The visible cells of `source` that wait for their series get it from `study` when it has
    // arrived (true for each one placed: the caller applies presets); the others are updated
    // to the grown study. `window` goes to cells placed now (modality units).
    std::vector<int> place(ViewportSpec::Source source,
                           const std::shared_ptr<const LoadedStudy>& study);
    // Puts an MPR plane (from a volume's reslicer) into cell `index`.
    void showMpr(int index, std::shared_ptr<const MprReslicer> reslicer, const LoadedStudy& source,
                 const QString& plane_name);

signals:
    void activeChanged(countyread::viewer::ImageViewport* viewport);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void relayout();
    void syncFrom(int index);
    void highlight();

    QGridLayout* layout_;
    std::array<QFrame*, kMaxViewports> frames_{};
    std::array<ImageViewport*, kMaxViewports> viewports_{};
    std::array<GridCell, kMaxViewports> cells_{};
    std::array<double, kMaxViewports> last_position_{};  // along the slice normal, mm
    std::array<bool, kMaxViewports> has_position_{};
    int rows_ = 1, columns_ = 1;
    int active_ = 0;
    bool sync_ = false;
    bool syncing_ = false;
};

}  // namespace countyread::viewer
