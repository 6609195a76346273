#pragma once
// The series of the open study as thumbnails (OpenCV-downscaled, see Thumbnail); clicking one
// shows that series in the viewport.
#include <QListWidget>
#include <vector>

#include "viewer/core/SeriesThumbnail.h"
#include "viewer/ui/UiText.h"

namespace countyread::viewer {

class SeriesStrip : public QListWidget {
    Q_OBJECT
public:
    explicit SeriesStrip(const UiText& text, QWidget* parent = nullptr);

    // One entry per series (thumbnails may come later through setThumbnail).
    void setSeries(const std::vector<SeriesThumbnail>& series);
    void setThumbnail(const SeriesThumbnail& thumbnail);
    void markCurrent(const std::string& series_uid);
    // The labels again in the UiText's (new) language.
    void retranslate();
    // Whether the entry of `series_uid` has a picture (for tests).
    bool hasThumbnail(const std::string& series_uid) const;

signals:
    void seriesActivated(const std::string& series_uid);

private:
    QListWidgetItem* itemFor(const std::string& series_uid) const;
    const UiText& text_;
};

}  // namespace countyread::viewer
