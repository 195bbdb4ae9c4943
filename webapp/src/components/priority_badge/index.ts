export {default, priorityName} from './priority_badge';
