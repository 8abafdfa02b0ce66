import { useEffect } from 'react';
import { useLearnStore } from '../../../state/learnStore';
import { AblationCard } from './AblationCard';
import { CurveCard } from './CurveCard';
import { EditCard } from './EditCard';
import { StorageCard } from './StorageCard';
import { TrainCard } from './TrainCard';
import { LearnResults } from './LearnResults';
import { MetaInitCard } from './MetaInitCard';
import { ZooCard } from './ZooCard';
import { learnClient } from '../../workers/learnClient';
import { useFields } from '../../hooks/useFields';

/** "Learn from weights": make a zoo of INRs, train a weight-space model on it, see what it predicts. */
export function LearnPanel() {
  const { notice, failure } = useFields(useLearnStore, 'notice', 'failure');
  useEffect(() => learnClient.start(), []);
  return (
    <section className="panel learn-panel" aria-labelledby="learn-title">
      <div className="panel-head">
        <h2 id="learn-title">Learn from weights</h2>
        <p>
          Fit a zoo of INRs, then train a network that reads their weights. The equivariant models (DWS, NFN) give the
          same answer for every permutation of an INR's hidden neurons; the flattened MLP does not — compare the plain
          and the permuted test scores. The probe reader reads the INR's function itself, at points it learns.
        </p>
      </div>
      {failure && <p className="notice error">{failure}</p>}
      {notice && (
        <p className={`notice ${notice.level}`} data-testid="ws-notice">
          {notice.text}
        </p>
      )}
      <MetaInitCard />
      <div className="learn-grid">
        <ZooCard />
        <TrainCard />
      </div>
      <LearnResults />
      <AblationCard />
      <CurveCard />
      <EditCard />
      <StorageCard />
    </section>
  );
}
