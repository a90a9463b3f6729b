// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QWidget>

class QAudioOutput;
class QComboBox;
class QLabel;
class QMediaPlayer;
class QPushButton;
class QSlider;

// Plays a call's recording: play, pause, seek, speed; says which turn of the transcript is under
// the playhead; saves the file elsewhere or deletes it. Where Qt Multimedia has no backend (a
// server without audio, some CI machines) it says so plainly and still offers Save and Delete.
class RecordingPlayer : public QWidget
{
    Q_OBJECT
public:
    explicit RecordingPlayer(QWidget *parent = nullptr);

    // A recording to play, with the turns whose timespans it follows.
    void setRecording(const QString &path, const QList<TranscriptMessage> &turns);
    // No recording to play: `why` says what there is instead ("being fetched", "deleted", ...).
    void showNoRecording(const QString &why);
    void setTurns(const QList<TranscriptMessage> &turns) { m_turns = turns; }

    bool canPlay() const;
    QString path() const { return m_path; }
    QString statusText() const;
    double speed() const;
    int activeTurn() const { return m_activeTurn; }
    // The ordinal of the turn being said at `positionMs` (-1 between turns).
    static int turnAt(const QList<TranscriptMessage> &turns, qint64 positionMs);
    // Where the playhead is, as the player reports it (tests and seeking call it directly).
    void showPosition(qint64 positionMs);
    // Copies the recording to `target`; false with the reason in `error`.
    bool saveTo(const QString &target, QString *error) const;

Q_SIGNALS:
    void activeTurnChanged(int ordinal);
    void deleteRequested();

private:
    void togglePlay();
    void saveAs();
    void updateButtons();

    QMediaPlayer *m_player;
    QAudioOutput *m_output;
    QPushButton *m_play;
    QSlider *m_seek;
    QLabel *m_time;
    QComboBox *m_speed;
    QPushButton *m_save;
    QPushButton *m_delete;
    QLabel *m_status;
    QString m_path;
    QList<TranscriptMessage> m_turns;
    int m_activeTurn = -1;
    qint64 m_durationMs = 0;
};
