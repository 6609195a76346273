#pragma once
// The worklist: one row per study the radiologist may read, most urgent first.
#include <QTableWidget>
#include <vector>

#include "viewer/core/StudyRow.h"
#include "viewer/ui/UiText.h"

namespace countyread::viewer {

class WorklistTable : public QTableWidget {
    Q_OBJECT
public:
    explicit WorklistTable(const UiText& text, QWidget* parent = nullptr);

    // Replaces the rows (emergency, urgent, routine; then oldest received first).
    void setStudies(std::vector<StudyRow> studies);
    const std::vector<StudyRow>& studies() const { return studies_; }
    // Headers and state / priority texts again in the UiText's (new) language.
    void retranslate();
    // Selects the row of `study_uid` if present.
    void select(const std::string& study_uid);

    // "2024-05-01T10:22:03+08:00" -> "05-01 10:22" (local display), other text unchanged.
    static QString formatReceived(const std::string& iso8601);

signals:
    void studyActivated(const countyread::viewer::StudyRow& study);

private:
    void retranslateHeaders();
    const UiText& text_;
    std::vector<StudyRow> studies_;  // in display order
};

}  // namespace countyread::viewer
