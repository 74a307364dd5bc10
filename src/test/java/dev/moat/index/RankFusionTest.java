package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    @Test
    void documentsFoundByBothRetrieversRankFirst() {
        RankFusion fusion = new RankFusion(10, 1, 1);
        List<RankFusion.Fused> fused = fusion.fuse(new int[] {1, 2, 3}, new int[] {3, 4, 1}, 10);
        assertThat(fused).extracting(RankFusion.Fused::doc).containsExactly(3, 1, 4, 2);
        assertThat(fused.get(1).bm25Rank()).isEqualTo(1);
        assertThat(fused.get(1).vectorRank()).isEqualTo(3);
        assertThat(fused.get(3).vectorRank()).isNull();
    }

    @Test
    void tiesGoToTheBetterVectorRankWhateverTheDocOrder() {
        RankFusion fusion = new RankFusion(10, 1, 1);
        // 5 and 9 each sit at rank 1 of one list: equal scores, and the vector's hit comes first either way round
        assertThat(fusion.fuse(new int[] {5}, new int[] {9}, 2))
                .extracting(RankFusion.Fused::doc)
                .containsExactly(9, 5);
        assertThat(fusion.fuse(new int[] {9}, new int[] {5}, 2))
                .extracting(RankFusion.Fused::doc)
                .containsExactly(5, 9);
        // equal scores from both lists: (bm25 2, vector 1) before (bm25 1, vector 2)
        assertThat(fusion.fuse(new int[] {4, 6}, new int[] {6, 4}, 2))
                .extracting(RankFusion.Fused::doc)
                .containsExactly(6, 4);
    }

    @Test
    void weightsTiltTheOrder() {
        RankFusion bm25Heavy = new RankFusion(10, 3, 1);
        assertThat(bm25Heavy.fuse(new int[] {7}, new int[] {8}, 2))
                .extracting(RankFusion.Fused::doc)
                .containsExactly(7, 8);
        RankFusion vectorHeavy = new RankFusion(10, 1, 3);
        assertThat(vectorHeavy.fuse(new int[] {7}, new int[] {8}, 2))
                .extracting(RankFusion.Fused::doc)
                .containsExactly(8, 7);
    }

    @Test
    void keepsOnlyTheLimit() {
        assertThat(new RankFusion(10, 1, 1).fuse(new int[] {1, 2, 3}, new int[] {4, 5}, 2))
                .hasSize(2);
    }

    @Test
    void refusesNegativeSettingsNamingThem() {
        assertThatThrownBy(() -> new RankFusion(-1, 1, 1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new RankFusion(10, -2, 1)).hasMessageContaining("bm25=-2");
    }
}
