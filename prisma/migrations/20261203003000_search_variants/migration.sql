-- Search that matches spellings, not only strings. One SQL function folds an article's text (and a query's)
-- before PostgreSQL's parser reads it, so that these match each other:
--   diacritics          P'yŏngyang = Pyongyang, Chŏngŭn = Chongun (a Latin letter with marks becomes the bare letter)
--   apostrophes         Ch'oe = Choe (an apostrophe between two letters is dropped)
--   hyphens             Jong-un = Jong Un, Hwasong-17 = Hwasong 17 (a dash between letters or digits becomes a space)
--   letters and digits  Hwasong17 = Hwasong 17, KN23 = KN-23 (a space where letters meet digits)
--   punctuation         typographic quotes and dashes and CJK punctuation become spaces, so words never depend on
--                       the database's locale (under LC_CTYPE=C the parser reads “Quoted” as one word)
--   Hangul, Kana, Han   each run becomes its overlapping pairs of characters (김정은동지께서 -> 김정 정은 은동 동지
--                       지께 께서), so a word is found however particles and compounds attach to it: 김정은 is the
--                       phrase 김정 정은, which 김정은동지께서 contains.
-- lib/search/fold.ts is the same function in TypeScript, with a map back to the original text for highlighting;
-- lib/search/fold.int.test.ts checks that the two agree. Each step is one pass in C (regexp_replace, translate),
-- and plain ASCII text (98% of the English corpus) takes only three of them: translate() scans its whole table
-- for every character, and one unguarded table of 559 letters made folding cost ten times the tsvector itself.
-- As written, folding adds about a quarter to the cost of an English article's vector. IMMUTABLE: the
-- generated column calls it.
CREATE FUNCTION "search_fold"("input" text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fold$
DECLARE
    t text := "input";
    wide boolean := "input" ~ '[^\x01-\x7f]';
BEGIN
    IF wide THEN
        IF t ~ '[\u00c0-\u017f]' THEN
            t := translate(t, 'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžØøĐđŁłĦħı', 'AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoDdLlHhi');
        END IF;
        IF t ~ '[\u0180-\u024f]' THEN
            t := translate(t, 'ƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ', 'OoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy');
        END IF;
        IF t ~ '[\u1e00-\u1eff]' THEN
            t := translate(t, 'ḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ', 'AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy');
        END IF;
        IF t ~ '[\uff10-\uff5a]' THEN
            t := translate(t, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ', '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
        END IF;
        -- Combining marks, soft hyphens and zero-width characters vanish.
        t := regexp_replace(t, '[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]+', '', 'g');
    END IF;
    t := regexp_replace(t, '([A-Za-z])[''`\u00b4\u02bb\u02bc\u2018\u2019]+(?=[A-Za-z])', '\1', 'g');
    t := regexp_replace(t, '([A-Za-z0-9])[-\u2010-\u2015]+(?=[A-Za-z0-9])', '\1 ', 'g');
    t := regexp_replace(t, '([A-Za-z])(?=[0-9])|([0-9])(?=[A-Za-z])', '\1\2 ', 'g');
    IF wide THEN
        t := regexp_replace(t, '[\u00a0-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u3000-\u3003\u3008-\u3020\u3030\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+', ' ', 'g');
        -- Each run between spaces, its inner characters doubled (abcd -> abbccd), then a space after every
        -- pair but the last (ab bc cd).
        t := regexp_replace(t, '([\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)', ' \1 ', 'g');
        t := regexp_replace(t, '(?<=[\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])([\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', '\1\1', 'g');
        t := regexp_replace(t, '([\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2})(?=[\uac00-\ud7a3\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])', '\1 ', 'g');
    END IF;
    RETURN t;
END
$fold$;

-- The search vector through the fold. Dropping the column drops its GIN index, which is built again below.
ALTER TABLE "articles" DROP COLUMN "search";
ALTER TABLE "articles" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "search_fold"(coalesce("title", ''))), 'A') ||
    setweight(to_tsvector('english'::regconfig, "search_fold"(coalesce("body_text", ''))), 'B')
) STORED;
CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search");
