// SPDX-License-Identifier: GPL-3.0-or-later
// The schema checker the fakes and the OpenAPI test share, keyword by keyword, on a small
// document of its own: what each keyword accepts and refuses, in both directions and both
// strictnesses, and how an answer is held to its operation.
#include "ApiSchema.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// Components the rows refer to; "a/b" checks that "~1" in a pointer stands for "/".
const QByteArray Document = R"({
  "paths": {"/things/{id}": {
    "parameters": [{"in": "path", "name": "id", "required": true, "schema": {"type": "string"}}],
    "get": {"parameters": [{"$ref": "#/components/parameters/Limit"}],
            "responses": {"200": {"$ref": "#/components/responses/Thing"}, "204": {}}}}},
  "components": {
    "parameters": {"Limit": {"in": "query", "name": "limit", "schema": {"type": "integer"}}},
    "responses": {"Thing": {
      "headers": {"ETag": {"required": true, "schema": {"type": "string"}}},
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
    "schemas": {
      "a/b": {"type": "string", "enum": ["x", "y"]},
      "Thing": {"type": "object", "required": ["id", "secret", "server"],
                "properties": {"id": {"type": "integer", "minimum": 1},
                               "kind": {"$ref": "#/components/schemas/a~1b"},
                               "secret": {"type": "string", "writeOnly": true},
                               "server": {"type": "string", "readOnly": true}}},
      "Free": {"type": "object"},
      "Composed": {"allOf": [{"$ref": "#/components/schemas/Free"}]},
      "Either": {"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]},
      "Any": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
      "Maybe": {"oneOf": [{"$ref": "#/components/schemas/a~1b"}, {"enum": [null]}]},
      "Name": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z😀]+$"},
      "When": {"type": "string", "format": "date-time"},
      "Few": {"type": "object", "maxProperties": 1, "additionalProperties": {"type": "integer"}},
      "Closed": {"type": "object", "additionalProperties": false}}}})";
} // namespace

class TestApiSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keywords_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QByteArray>("value"); // a JSON array holding the one value
        QTest::addColumn<bool>("request");
        QTest::addColumn<bool>("strict");
        QTest::addColumn<QString>("problem"); // empty: accepted
        const auto row = [](const char *name, const QString &schema, const QByteArray &value,
                            bool request, bool strict, const QString &problem) {
            QTest::newRow(name) << schema << value << request << strict << problem;
        };
        const QString thing = u"Thing"_s;
        row("a response as documented", thing, R"([{"id":1,"kind":"x","server":"s"}])", false, true,
            {});
        row("enum through an escaped $ref", thing, R"([{"id":1,"kind":"z","server":"s"}])", false,
            false, u"kind: \"z\" is not one of the allowed values"_s);
        row("integer", thing, R"([{"id":1.5,"server":"s"}])", false, false,
            u"id: an integer expected, got 1.5"_s);
        row("minimum", thing, R"([{"id":0,"server":"s"}])", false, false,
            u"id: 0 is below the minimum"_s);
        row("unlisted property", thing, R"([{"id":1,"server":"s","x":1}])", false, false,
            u"x: unknown field"_s);
        row("writeOnly sent back", thing, R"([{"id":1,"server":"s","secret":"k"}])", false, false,
            u"secret: write-only"_s);
        row("readOnly sent", thing, R"([{"id":1,"secret":"k","server":"s"}])", true, false,
            u"server: read-only"_s);
        row("readOnly is not required in a request", thing, R"([{"id":1,"secret":"k"}])", true,
            false, {});
        row("required", thing, R"([{"secret":"k"}])", true, false, u"id: required"_s);
        row("free object, lenient", u"Free"_s, R"([{"x":1}])", false, false, {});
        row("free object, strict", u"Free"_s, R"([{"x":1}])", false, true,
            u"x: unknown field, sent but not documented"_s);
        row("composed objects leave it to their parts", u"Composed"_s, R"([{"x":1}])", false, false,
            {});
        row("oneOf: exactly one", u"Either"_s, R"(["ab"])", false, false,
            u"matches 2 of the oneOf forms"_s);
        row("oneOf: one", u"Either"_s, R"(["abcd"])", false, false, {});
        row("anyOf: one or more", u"Any"_s, R"([7])", false, false, {});
        row("anyOf: none", u"Any"_s, R"([true])", false, false,
            u"true matches none of the allowed forms"_s);
        row("null through oneOf", u"Maybe"_s, R"([null])", false, false, {});
        row("null refused", u"a/b"_s, R"([null])", false, false, u"null is not allowed"_s);
        row("length in code points", u"Name"_s, R"(["😀😀"])", false, false, {});
        row("maxLength", u"Name"_s, R"(["abcd"])", false, false, u"at most 3 characters"_s);
        row("pattern", u"Name"_s, R"(["A1"])", false, false, u"does not match"_s);
        row("date-time", u"When"_s, R"(["yesterday"])", false, false,
            u"is not an ISO 8601 date-time"_s);
        row("additionalProperties schema", u"Few"_s, R"([{"a":"1"}])", false, false,
            u"a: an integer expected"_s);
        row("maxProperties", u"Few"_s, R"([{"a":1,"b":2}])", false, false,
            u"at most 1 properties allowed"_s);
        row("additionalProperties false", u"Closed"_s, R"([{"a":1}])", false, false,
            u"a: unknown field (additionalProperties is false)"_s);
    }
    void keywords()
    {
        QFETCH(QString, schema);
        QFETCH(QByteArray, value);
        QFETCH(bool, request);
        QFETCH(bool, strict);
        QFETCH(QString, problem);
        const ApiSchema api(parse(Document), strict ? ApiSchema::Strictness::Strict
                                                    : ApiSchema::Strictness::Lenient);
        const QStringList problems =
            api.check(QJsonDocument::fromJson(value).array().first(), api.component(schema),
                      request ? ApiSchema::Direction::Request : ApiSchema::Direction::Response);
        if (problem.isEmpty())
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        else
            QVERIFY2(problems.join(u'\n').contains(problem), qPrintable(problems.join(u'\n')));
    }

    void documentIsNavigated()
    {
        const ApiSchema api(parse(Document));
        QCOMPARE(api.pathTemplate(u"/things/42"_s), u"/things/{id}"_s);
        QCOMPARE(api.pathTemplate(u"/things/{thing_id}"_s), u"/things/{id}"_s);
        QVERIFY(api.pathTemplate(u"/things"_s).isEmpty());
        QCOMPARE(api.parameters(u"/things/{id}"_s, u"GET"_s).size(), 2);
        QVERIFY(api.parameters(u"/things/{id}"_s, u"get"_s, u"query"_s).contains(u"limit"_s));
        QCOMPARE(api.references().size(), 6);
        QVERIFY(!api.pointer(u"#/components/schemas/Nothing"_s));
    }

    void answersAreHeldToTheirOperation()
    {
        const ApiSchema api(parse(Document), ApiSchema::Strictness::Strict);
        HttpResult answer;
        answer.status = 200;
        answer.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"ETag", "\"1\""}};
        answer.body = R"({"id":3,"server":"s"})";
        QCOMPARE(api.checkAnswer("GET", u"/things/3?limit=1"_s, answer), QStringList());
        answer.headers.removeLast();
        QCOMPARE(api.checkAnswer("GET", u"/things/3"_s, answer),
                 QStringList{u"header ETag is missing"_s});
        answer.status = 204;
        QCOMPARE(api.checkAnswer("GET", u"/things/3"_s, answer),
                 QStringList{u"a body was sent where none is documented"_s});
        answer.status = 404;
        QCOMPARE(api.checkAnswer("GET", u"/things/3"_s, answer),
                 QStringList{u"status not documented"_s});
        QCOMPARE(api.checkAnswer("PUT", u"/things/3"_s, answer),
                 QStringList{u"method not documented"_s});
        QCOMPARE(api.checkAnswer("GET", u"/nothing"_s, answer),
                 QStringList{u"no documented path"_s});
    }

    void formsAndTextAreReadAsTheirTypes()
    {
        const ApiSchema api(parse(Document));
        QCOMPARE(api.checkText(u"12"_s, parse(R"({"type":"integer"})"), u"n"_s), QStringList());
        QVERIFY(api.checkText(u"1.5"_s, parse(R"({"type":"integer"})"), u"n"_s)
                    .join(u'\n')
                    .contains(u"an integer expected"_s));
        const QJsonObject form = parse(
            R"({"type":"object","required":["To"],"properties":{"To":{"type":"string"},
               "Events":{"type":"array","items":{"type":"string","enum":["a","b"]}}}})");
        QMultiMap<QString, QString> fields{{u"To"_s, u"x"_s}, {u"To"_s, u"y"_s}};
        fields.insert(u"Events"_s, u"a"_s);
        fields.insert(u"Events"_s, u"b"_s);
        QCOMPARE(api.checkForm(fields, form), QStringList{u"To: sent 2 times, once expected"_s});
        QCOMPARE(api.checkForm({{u"to"_s, u"x"_s}}, form),
                 QStringList({u"to: unknown parameter (names are PascalCase and case-sensitive)"_s,
                              u"To: required"_s}));
    }
};

QTEST_GUILESS_MAIN(TestApiSchema)
#include "tst_api_schema.moc"
