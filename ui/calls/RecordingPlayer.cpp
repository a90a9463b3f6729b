// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordingPlayer.h"

#include "Icons.h"

#include <QAudioOutput>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Qt 6.4's GStreamer backend crashes when constructing a player without GStreamer's "playback"
// plugin (Debian: gstreamer1.0-plugins-base), so its presence is checked first. Elsewhere the
// platform's own backend is always there. SWITCHBOARD_NO_AUDIO=1 turns playback off.
bool playbackBackendPresent()
{
    if (qEnvironmentVariableIntValue("SWITCHBOARD_NO_AUDIO") == 1)
        return false;
#if defined(Q_OS_LINUX)
    QStringList folders = qEnvironmentVariable("GST_PLUGIN_PATH").split(u':', Qt::SkipEmptyParts);
    folders += qEnvironmentVariable("GST_PLUGIN_SYSTEM_PATH_1_0").split(u':', Qt::SkipEmptyParts);
    folders += {u"/usr/lib/x86_64-linux-gnu/gstreamer-1.0"_s,
                u"/usr/lib/aarch64-linux-gnu/gstreamer-1.0"_s, u"/usr/lib64/gstreamer-1.0"_s,
                u"/usr/lib/gstreamer-1.0"_s, u"/usr/local/lib/gstreamer-1.0"_s};
    for (const QString &folder : std::as_const(folders)) {
        if (QFile::exists(folder + u"/libgstplayback.so"_s))
            return true;
    }
    return false;
#else
    return true;
#endif
}

QString clock(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms) / 1000;
    return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}
} // namespace

RecordingPlayer::RecordingPlayer(QWidget *parent)
    : QWidget(parent)
    , m_player(playbackBackendPresent() ? new QMediaPlayer(this) : nullptr)
    , m_output(m_player ? new QAudioOutput(this) : nullptr)
    , m_play(new QPushButton(tr("Play"), this))
    , m_seek(new QSlider(Qt::Horizontal, this))
    , m_time(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_save(new QPushButton(tr("Save…"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_status(new QLabel(this))
{
    m_play->setObjectName(u"recordingPlay"_s);
    m_seek->setObjectName(u"recordingSeek"_s);
    m_seek->setAccessibleName(tr("Position in the recording"));
    m_speed->setObjectName(u"recordingSpeed"_s);
    m_speed->setAccessibleName(tr("Playback speed"));
    for (const double rate : {0.75, 1.0, 1.25, 1.5, 2.0})
        m_speed->addItem(u"%1×"_s.arg(rate), rate);
    m_speed->setCurrentIndex(1);
    m_save->setObjectName(u"recordingSave"_s);
    m_delete->setObjectName(u"recordingDelete"_s);
    m_status->setObjectName(u"recordingStatus"_s);
    m_status->setWordWrap(true);
    m_time->setMinimumWidth(m_time->fontMetrics().horizontalAdvance(u"00:00 / 00:00"_s));

    // The playhead gets a row of its own: beside six controls it shrank to a square in the
    // call log's details at 1024 wide.
    m_seek->setMinimumWidth(120);
    auto *playhead = new QHBoxLayout;
    playhead->setContentsMargins(0, 0, 0, 0);
    playhead->addWidget(m_play);
    playhead->addWidget(m_seek, 1);
    playhead->addWidget(m_time);
    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_speed);
    controls->addStretch(1);
    controls->addWidget(m_save);
    controls->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(playhead);
    layout->addLayout(controls);
    layout->addWidget(m_status);

    connect(m_play, &QPushButton::clicked, this, &RecordingPlayer::togglePlay);
    connect(m_save, &QPushButton::clicked, this, &RecordingPlayer::saveAs);
    connect(m_delete, &QPushButton::clicked, this, &RecordingPlayer::deleteRequested);
    connect(m_seek, &QSlider::sliderMoved, this, [this](int ms) {
        if (m_player)
            m_player->setPosition(ms);
        showPosition(ms);
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_player)
            m_player->setPlaybackRate(speed());
    });
    showNoRecording({});
    if (!m_player)
        return;
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::positionChanged, this, &RecordingPlayer::showPosition);
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        m_durationMs = ms;
        m_seek->setRange(0, int(ms));
        showPosition(m_player->position());
    });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, &RecordingPlayer::updateButtons);
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &text) {
                m_status->setText(tr("The recording cannot be played: %1").arg(text));
            });
}

bool RecordingPlayer::canPlay() const
{
    return m_player && m_player->isAvailable() && !m_path.isEmpty();
}

double RecordingPlayer::speed() const
{
    return m_speed->currentData().toDouble();
}

QString RecordingPlayer::statusText() const
{
    return m_status->text();
}

void RecordingPlayer::setRecording(const QString &path, const QList<TranscriptMessage> &turns)
{
    m_turns = turns;
    if (path == m_path)
        return;
    if (m_player)
        m_player->stop();
    m_path = path;
    m_activeTurn = -1;
    m_durationMs = 0;
    const qint64 bytes = QFileInfo(path).size();
    if (m_player && m_player->isAvailable()) {
        m_player->setSource(QUrl::fromLocalFile(path));
        m_status->setText(tr("Recording, %1 KB").arg((bytes + 1023) / 1024));
    } else {
        m_status->setText(tr("This system has no audio playback (Qt Multimedia has no working "
                             "backend; on Debian: gstreamer1.0-plugins-base and "
                             "gstreamer1.0-plugins-good). The recording (%1 KB) can still be "
                             "saved to a file.")
                              .arg((bytes + 1023) / 1024));
    }
    showPosition(0);
    updateButtons();
}

void RecordingPlayer::showNoRecording(const QString &why)
{
    if (m_player) {
        m_player->stop();
        m_player->setSource({});
    }
    m_path.clear();
    m_activeTurn = -1;
    m_durationMs = 0;
    m_status->setText(why);
    showPosition(0);
    updateButtons();
}

void RecordingPlayer::updateButtons()
{
    const bool playable = canPlay();
    m_play->setEnabled(playable);
    m_seek->setEnabled(playable);
    m_speed->setEnabled(playable);
    m_save->setEnabled(!m_path.isEmpty());
    m_delete->setEnabled(!m_path.isEmpty());
    const bool playing = m_player && m_player->playbackState() == QMediaPlayer::PlayingState;
    m_play->setText(playing ? tr("Pause") : tr("Play"));
}

void RecordingPlayer::togglePlay()
{
    if (!canPlay())
        return;
    if (m_player->playbackState() == QMediaPlayer::PlayingState)
        m_player->pause();
    else
        m_player->play();
}

int RecordingPlayer::turnAt(const QList<TranscriptMessage> &turns, qint64 positionMs)
{
    for (const TranscriptMessage &turn : turns) {
        if (turn.startMs >= 0 && turn.endMs >= turn.startMs && positionMs >= turn.startMs &&
            positionMs < turn.endMs)
            return int(turn.ordinal);
    }
    return -1;
}

void RecordingPlayer::showPosition(qint64 positionMs)
{
    if (!m_seek->isSliderDown())
        m_seek->setValue(int(positionMs));
    m_time->setText(u"%1 / %2"_s.arg(clock(positionMs), clock(m_durationMs)));
    const int turn = turnAt(m_turns, positionMs);
    if (turn != m_activeTurn) {
        m_activeTurn = turn;
        Q_EMIT activeTurnChanged(turn);
    }
}

bool RecordingPlayer::saveTo(const QString &target, QString *error) const
{
    if (m_path.isEmpty()) {
        *error = tr("There is no recording to save.");
        return false;
    }
    if (QFile::exists(target) && !QFile::remove(target)) {
        *error = tr("%1 exists and cannot be replaced.").arg(target);
        return false;
    }
    if (!QFile::copy(m_path, target)) {
        *error = tr("The recording cannot be copied to %1.").arg(target);
        return false;
    }
    return true;
}

void RecordingPlayer::saveAs()
{
    const QString target =
        QFileDialog::getSaveFileName(this, tr("Save the recording"), QFileInfo(m_path).fileName(),
                                     tr("Audio (*.%1)").arg(QFileInfo(m_path).suffix()));
    if (target.isEmpty())
        return;
    QString error;
    if (!saveTo(target, &error))
        m_status->setText(error);
    else
        m_status->setText(tr("Saved to %1").arg(target));
}
