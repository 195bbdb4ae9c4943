import {connect} from 'react-redux';

import type {GlobalState} from '@mattermost/types/store';

import {getCurrentChannel} from '../../selectors';

import Sidebar from './sidebar';
import type {Props} from './sidebar';

function mapStateToProps(state: GlobalState): Props {
    return {channelName: getCurrentChannel(state)?.display_name || undefined};
}

export default connect(mapStateToProps)(Sidebar);
