#pragma once
// The open study's priors (GET /api/v1/studies/{uid}/priors: the patient's other studies from
// the same township, newest first): date, modality, description. Double-click (or Enter)
// opens one beside the current study.
#include <QTreeWidget>
#include <vector>

#include "viewer/core/StudyRow.h"
#include "viewer/ui/UiText.h"

namespace countyread::viewer {

class PriorsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit PriorsList(const UiText& text, QWidget* parent = nullptr);

    void setPriors(std::vector<StudyRow> priors);
    const std::vector<StudyRow>& priors() const { return priors_; }
    // Marks the prior shown in the grid (bold).
    void markOpen(const std::string& study_uid);
    void retranslate();

signals:
    void priorActivated(const countyread::viewer::StudyRow& prior);

private:
    const UiText& text_;
    std::vector<StudyRow> priors_;
};

}  // namespace countyread::viewer
