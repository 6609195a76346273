// MainWindow: the language menu and switching the language while running.
#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>

#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/MprWindow.h"
#include "viewer/ui/PriorsList.h"
#include "viewer/ui/ReportPanel.h"
#include "viewer/ui/SeriesStrip.h"
#include "viewer/ui/ViewerToolBar.h"
#include "viewer/ui/ViewportGrid.h"
#include "viewer/ui/VolumeWindow.h"
#include "viewer/ui/WorklistTable.h"

namespace countyread::viewer {
namespace {

QSettings settings() {
    return QSettings(QStringLiteral("CountyRead"), QStringLiteral("countyread-viewer"));
}

}  // namespace

std::optional<Language> MainWindow::savedLanguage() {
    const QString code = settings().value(QStringLiteral("language")).toString();
    if (code.isEmpty()) return std::nullopt;
    return UiText::parseLanguage(code.toStdString());
}

void MainWindow::buildLanguageMenu() {
    language_menu_ = menuBar()->addMenu(QString());
    auto* group = new QActionGroup(language_menu_);
    // Each language names itself, so it can be found whatever the current language is.
    for (const auto& [language, label] : {std::pair{Language::Chinese, QStringLiteral("中文")},
                                          std::pair{Language::English, QStringLiteral("English")}}) {
        QAction* action = language_menu_->addAction(label);
        action->setObjectName(QStringLiteral("language-") +
                              QString::fromLatin1(UiText::languageCode(language)));
        action->setCheckable(true);
        action->setChecked(language == text_.language());
        group->addAction(action);
        const Language chosen = language;
        connect(action, &QAction::triggered, this, [this, chosen] { setLanguage(chosen); });
    }
}

void MainWindow::setLanguage(Language language) {
    if (language != text_.language()) {
        const UiText previous = text_;
        text_.setLanguage(language);
        retranslate(previous);
    }
    QSettings s = settings();
    s.setValue(QStringLiteral("language"), QString::fromLatin1(UiText::languageCode(language)));
    for (QAction* a : language_menu_->actions())
        a->setChecked(a->objectName().endsWith(QString::fromLatin1(UiText::languageCode(language))));
}

void MainWindow::retranslate(const UiText& previous) {
    setWindowTitle(text_(UiText::WindowTitle));
    worklist_title_->setText(QStringLiteral("<b>%1</b>").arg(text_(UiText::Worklist)));
    series_title_->setText(QStringLiteral("<b>%1</b>").arg(text_(UiText::Series)));
    priors_title_->setText(QStringLiteral("<b>%1</b>").arg(text_(UiText::Priors)));
    refresh_->setText(text_(UiText::Refresh));
    progress_->setFormat(QStringLiteral("%v/%m ") + text_(UiText::ImagesLoaded));
    volume_action_->setText(text_(UiText::VolumeRendering));
    volume_action_->setToolTip(text_(UiText::VolumeRendering) + QStringLiteral(" (Ctrl+3)"));
    layout_menu_->setTitle(text_(UiText::LayoutMenu));
    language_menu_->setTitle(text_(UiText::LanguageMenu) +
                             (text_.chinese() ? QStringLiteral(" Language") : QStringLiteral(" 语言")));
    for (auto& [action, key] : menu_actions_) action->setText(text_(key));
    if (&previous == &text_) return;  // the first time: nothing was shown yet
    worklist_->retranslate();
    series_->retranslate();
    priors_->retranslate();
    tools_->retranslate();
    report_->retranslate(previous);
    for (int i = 0; i < ViewportGrid::kMaxViewports; ++i)
        grid_->viewport(i)->setChineseOverlays(text_.chinese());
    if (mpr_) mpr_->retranslate();
    if (volume_window_) volume_window_->retranslate();
    updateStatus();
}

}  // namespace countyread::viewer
